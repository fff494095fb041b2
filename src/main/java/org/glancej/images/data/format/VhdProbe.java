package org.glancej.images.data.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Virtual PC / Hyper-V VHD ("vpc" in qemu). Every VHD ends with a 512-byte big-endian footer ("conectix");
 * dynamic disks also start with a copy of it, fixed disks have it only at the end. The virtual size follows
 * qemu: the CHS geometry for images from tools that size by geometry, the footer's current size otherwise.
 */
final class VhdProbe implements FormatProbe {
    static final int FOOTER = 512;
    private static final long FIXED = 2;
    private static final long DYNAMIC = 3;
    private static final long DIFFERENCING = 4;
    private static final long MAX_GEOMETRY = 65535L * 16 * 255;
    private static final long MAX_SIZE = 0xff000000L * 512; // qemu's VHD_MAX_SECTORS ("File too large")
    private static final List<String> SIZE_BY_CURRENT_SIZE = List.of("win ", "qem2", "d2v ", "CTXS", "tap\0");

    @Override
    public String name() {
        return "vhd";
    }

    @Override
    public Optional<InspectionResult> verdict(Stream stream) {
        ByteWindow head = stream.head();
        if (head.matches(0, "conectix")) {
            if (!head.has(0, FOOTER)) {
                return Optional.of(InspectionResult.unknownSize(name(), List.of("vhd: truncated footer")));
            }
            return Optional.of(inspect(head, 0, stream.totalBytes(), false));
        }
        ByteWindow tail = stream.tail();
        int footer = tail.filled() - FOOTER;
        if (footer >= 0 && tail.matches(footer, "conectix") && tail.be32(footer + 60) == FIXED
                && checksumValid(tail, footer)) {
            // qemu probes a VHD by its leading copy of the footer only, so it reads this one as raw
            return Optional.of(inspect(tail, footer, stream.totalBytes(), true).readAsRawByQemu());
        }
        return Optional.empty();
    }

    private InspectionResult inspect(ByteWindow window, int footer, long totalBytes, boolean fixedFooter) {
        List<String> violations = new ArrayList<>();
        long type = window.be32(footer + 60);
        if (type == DIFFERENCING) {
            violations.add("vhd: differencing disk refers to a parent image");
        } else if (type != FIXED && type != DYNAMIC) {
            violations.add("vhd: unknown disk type " + type);
        }
        long size = virtualSize(window, footer);
        if (size < 0) {
            violations.add("vhd: virtual size out of range");
            return InspectionResult.unknownSize(name(), violations);
        }
        if (size > MAX_SIZE) {
            violations.add("vhd: virtual size " + size + " is larger than qemu allows (2040 GiB)");
        }
        if (fixedFooter && size > totalBytes - FOOTER) {
            violations.add("vhd: fixed disk is larger than its data");
        }
        return InspectionResult.of(name(), size, violations);
    }

    private static long virtualSize(ByteWindow window, int footer) {
        long geometry = (long) window.be16(footer + 56) * window.u8(footer + 58) * window.u8(footer + 59);
        String creator = new String(window.copy(footer + 28, 4), StandardCharsets.ISO_8859_1);
        if (SIZE_BY_CURRENT_SIZE.contains(creator) || geometry == MAX_GEOMETRY) {
            long currentSize = window.be64(footer + 48);
            return currentSize < 0 ? -1 : currentSize / 512 * 512;
        }
        return geometry * 512;
    }

    private static boolean checksumValid(ByteWindow window, int footer) {
        long sum = 0;
        for (int i = 0; i < FOOTER; i++) {
            if (i < 64 || i >= 68) {
                sum += window.u8(footer + i);
            }
        }
        return (~sum & 0xffffffffL) == window.be32(footer + 64);
    }
}
