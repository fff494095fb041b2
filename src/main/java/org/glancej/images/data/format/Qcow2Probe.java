package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * QEMU copy-on-write images (qemu docs/interop/qcow2.txt): a big-endian header whose size field is the
 * virtual size. A qcow2 image can make qemu read other host files, through a backing file or an external
 * data file, which is what the checks refuse (OSSA-2015-014, OSSA-2024-001).
 */
final class Qcow2Probe implements FormatProbe {
    private static final byte[] MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    private static final int V2_HEADER = 72;
    private static final int V3_HEADER = 104;
    private static final long DATA_FILE_FEATURE = 1L << 2;
    // Upstream accepts dirty, corrupt, external data file (checked separately) and compression type only.
    private static final long KNOWN_FEATURES = 0b1111;
    private static final long DATA_FILE_EXTENSION = 0x44415441L;
    private static final long EXTENDED_L2_FEATURE = 1L << 4;
    private static final long MAX_L1_ENTRIES = 32L * 1024 * 1024 / 8; // qemu's QCOW_MAX_L1_SIZE in entries

    @Override
    public String name() {
        return "qcow2";
    }

    @Override
    public Optional<InspectionResult> verdict(Stream stream) {
        ByteWindow head = stream.head();
        if (!head.matches(0, MAGIC)) {
            return Optional.empty();
        }
        List<String> violations = new ArrayList<>();
        long version = head.has(4, 4) ? head.be32(4) : -1;
        int headerSize = version == 2 ? V2_HEADER : V3_HEADER;
        if (!head.has(0, headerSize)) {
            violations.add("qcow2: truncated header");
            return Optional.of(InspectionResult.unknownSize(name(), violations));
        }
        if (version != 2 && version != 3) {
            violations.add("qcow2: unsupported version " + version);
        }
        if (head.be64(8) != 0) {
            violations.add("qcow2: image has a backing file");
        }
        if (version == 3) {
            long incompatible = head.be64(72);
            if ((incompatible & DATA_FILE_FEATURE) != 0) {
                violations.add("qcow2: image has an external data file");
            }
            if ((incompatible & ~KNOWN_FEATURES) != 0) {
                violations.add("qcow2: unknown incompatible features");
            }
        }
        checkExtensions(head, version == 3 ? head.be32(100) : V2_HEADER, violations);
        long size = head.be64(24);
        if (size < 0) {
            violations.add("qcow2: virtual size out of range");
            return Optional.of(InspectionResult.unknownSize(name(), violations));
        }
        checkL1Table(head, version == 3 ? head.be64(72) : 0, size, violations);
        return Optional.of(InspectionResult.of(name(), size, violations));
    }

    /**
     * qemu refuses to open an image whose L1 table cannot map its virtual size: more than INT_MAX entries needed
     * ("Image is too big"), a table over 32 MiB, or fewer entries than the size needs.
     */
    private static void checkL1Table(ByteWindow head, long incompatible, long size, List<String> violations) {
        long clusterBits = head.be32(20);
        if (clusterBits < 9 || clusterBits > 21) {
            return; // already refused as a malformed header
        }
        long l2Bits = clusterBits - ((incompatible & EXTENDED_L2_FEATURE) != 0 ? 4 : 3);
        long shift = clusterBits + l2Bits;
        long needed = (size >>> shift) + ((size & ((1L << shift) - 1)) != 0 ? 1 : 0);
        long l1Entries = head.be32(36);
        if (needed > Integer.MAX_VALUE) {
            violations.add("qcow2: virtual size " + size + " is too big for qemu");
        } else if (l1Entries > MAX_L1_ENTRIES) {
            violations.add("qcow2: L1 table too large");
        } else if (l1Entries < needed) {
            violations.add("qcow2: L1 table too small for virtual size " + size);
        }
    }

    // Header extensions follow the header inside the first cluster; the data-file name lives there too.
    private static void checkExtensions(ByteWindow head, long start, List<String> violations) {
        long clusterBits = head.be32(20);
        if (clusterBits < 9 || clusterBits > 21 || start < V2_HEADER || start > (1L << clusterBits)) {
            violations.add("qcow2: malformed header");
            return;
        }
        long end = 1L << clusterBits;
        long pos = start;
        while (pos + 8 <= end) {
            if (!head.has(pos, 8)) {
                violations.add("qcow2: header extensions exceed the inspected region");
                return;
            }
            long type = head.be32((int) pos);
            long length = head.be32((int) pos + 4);
            if (type == 0) {
                return;
            }
            if (type == DATA_FILE_EXTENSION) {
                violations.add("qcow2: image names an external data file");
            }
            pos += 8 + ((length + 7) & ~7L);
        }
        if (pos > end) {
            violations.add("qcow2: malformed header extension");
        }
    }
}
