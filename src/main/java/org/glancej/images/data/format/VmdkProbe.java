package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VMware disks. Only single-file sparse VMDKs (monolithicSparse, streamOptimized) are accepted: a
 * little-endian "KDMV" header gives the capacity and points at an embedded text descriptor, which must not
 * reference other files (OSSA-2023-002). A VMDK that is only a text descriptor keeps its data in other files
 * and is always refused.
 */
final class VmdkProbe implements FormatProbe {
    private static final int HEADER = 64;
    private static final int SECTOR = 512;
    private static final int MAX_DESCRIPTOR = 1024 * 1024 - 1; // qemu's limit as well
    private static final long GD_AT_END = -1L;

    private enum Kind { NONE, SPARSE, LEGACY_SPARSE, DESCRIPTOR_FILE }

    private Kind kind = Kind.NONE;
    private ByteWindow descriptor;

    @Override
    public String name() {
        return "vmdk";
    }

    @Override
    public void onHead(ByteWindow head, Capture capture) {
        if (head.matches(0, "KDMV")) {
            kind = Kind.SPARSE;
            if (head.has(0, HEADER) && head.le64(28) == 1 && head.le64(36) != 0) {
                long sectors = head.le64(36);
                int length = sectors > 0 && sectors <= MAX_DESCRIPTOR / SECTOR ? (int) sectors * SECTOR : MAX_DESCRIPTOR;
                descriptor = capture.request(SECTOR, length, window -> {});
            }
        } else if (head.matches(0, "COWD")) {
            kind = Kind.LEGACY_SPARSE;
        } else if (VmdkDescriptor.looksLikeDescriptorFile(head)) {
            kind = Kind.DESCRIPTOR_FILE;
        }
    }

    @Override
    public Optional<InspectionResult> verdict(Stream stream) {
        return switch (kind) {
            case NONE -> Optional.empty();
            case LEGACY_SPARSE -> refuse("vmdk: unsupported legacy (COWD) sparse format");
            case DESCRIPTOR_FILE -> refuse("vmdk: descriptor-only VMDK keeps its data in other files");
            case SPARSE -> Optional.of(sparse(stream));
        };
    }

    private InspectionResult sparse(Stream stream) {
        ByteWindow head = stream.head();
        List<String> violations = new ArrayList<>();
        if (!head.has(0, HEADER)) {
            violations.add("vmdk: truncated header");
            return InspectionResult.unknownSize(name(), violations);
        }
        long version = head.le32(4);
        if (version < 1 || version > 3) {
            violations.add("vmdk: unsupported version " + version);
        }
        long capacity = head.le64(12);
        if (head.le64(28) != 1) {
            violations.add("vmdk: no embedded descriptor at sector 1");
        } else if (descriptor == null || !descriptor.isComplete()) {
            violations.add("vmdk: descriptor could not be inspected");
        } else {
            violations.addAll(VmdkDescriptor.check(descriptor.copy(0, descriptor.length())));
        }
        if (capacity == 0) {
            // with no capacity qemu opens the embedded descriptor's extents instead of this file
            violations.add("vmdk: sparse header without capacity");
        }
        if (head.le64(56) == GD_AT_END) {
            VmdkFooter.check(head, stream.tail(), violations);
            capacity = VmdkFooter.capacity(stream.tail(), capacity);
        }
        if (capacity < 0 || capacity > Long.MAX_VALUE / SECTOR) {
            violations.add("vmdk: capacity out of range");
            return InspectionResult.unknownSize(name(), violations);
        }
        return InspectionResult.of(name(), capacity * SECTOR, violations);
    }

    private Optional<InspectionResult> refuse(String violation) {
        return Optional.of(InspectionResult.unknownSize(name(), List.of(violation)));
    }
}
