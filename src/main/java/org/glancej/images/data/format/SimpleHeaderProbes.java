package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Formats recognised from a fixed header at the start of the image, needing no further windows. */
final class SimpleHeaderProbes {
    private SimpleHeaderProbes() {}

    /** VirtualBox VDI: little-endian signature at 0x40, disk size at 0x170. */
    static final class Vdi implements FormatProbe {
        private static final long SIGNATURE = 0xbeda107fL;
        private static final long MAX_SIZE = 0x1fffff8000000L; // qemu's VDI_DISK_SIZE_MAX

        @Override
        public String name() {
            return "vdi";
        }

        @Override
        public Optional<InspectionResult> verdict(Stream stream) {
            ByteWindow head = stream.head();
            if (!head.has(0x40, 4) || head.le32(0x40) != SIGNATURE) {
                return Optional.empty();
            }
            if (!head.has(0x170, 8) || head.le64(0x170) < 0) {
                return Optional.of(InspectionResult.unknownSize(name(), List.of("vdi: truncated or invalid header")));
            }
            long size = head.le64(0x170);
            return Optional.of(InspectionResult.of(name(), size, size > MAX_SIZE
                    ? List.of("vdi: virtual size " + size + " is larger than qemu allows")
                    : List.of()));
        }
    }

    /** QEMU enhanced disk: recognised only to be refused, as upstream does; nothing deploys it. */
    static final class Qed implements FormatProbe {
        private static final byte[] MAGIC = {'Q', 'E', 'D', 0};

        @Override
        public String name() {
            return "qed";
        }

        @Override
        public Optional<InspectionResult> verdict(Stream stream) {
            ByteWindow head = stream.head();
            if (!head.matches(0, MAGIC)) {
                return Optional.empty();
            }
            List<String> violations = List.of("qed: format is not allowed");
            return Optional.of(head.has(48, 8) && head.le64(48) >= 0
                    ? InspectionResult.of(name(), head.le64(48), violations)
                    : InspectionResult.unknownSize(name(), violations));
        }
    }

    /** LUKS v1 encrypted volume: the payload after the header is the disk; only version 1 is accepted. */
    static final class Luks implements FormatProbe {
        private static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
        private static final int HEADER = 592;

        @Override
        public String name() {
            return "luks";
        }

        @Override
        public Optional<InspectionResult> verdict(Stream stream) {
            ByteWindow head = stream.head();
            if (!head.matches(0, MAGIC)) {
                return Optional.empty();
            }
            if (!head.has(0, HEADER)) {
                return Optional.of(InspectionResult.unknownSize(name(), List.of("luks: truncated header")));
            }
            List<String> violations = new ArrayList<>();
            int version = head.be16(6);
            if (version != 1) {
                violations.add("luks: unsupported version " + version);
            }
            long payload = head.be32(104) * 512;
            if (payload > stream.totalBytes()) {
                violations.add("luks: payload starts past the end of the file");
                return Optional.of(InspectionResult.unknownSize(name(), violations));
            }
            return Optional.of(InspectionResult.of(name(), stream.totalBytes() - payload, violations));
        }
    }
}
