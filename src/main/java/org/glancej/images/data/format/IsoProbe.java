package org.glancej.images.data.format;

import java.util.List;
import java.util.Optional;

/**
 * ISO 9660 and UDF: after a 32 KiB system area, the first volume descriptor carries a standard identifier.
 * For a primary volume descriptor the volume size is its block count times its block size (both stored
 * little- and big-endian; upstream reads the little-endian half, as does this).
 */
final class IsoProbe implements FormatProbe {
    private static final int DESCRIPTOR = 32 * 1024;
    private static final int DESCRIPTOR_SIZE = 2048;
    private static final List<String> IDENTIFIERS = List.of("CD001", "NSR02", "NSR03");

    @Override
    public String name() {
        return "iso";
    }

    @Override
    public Optional<InspectionResult> verdict(Stream stream) {
        ByteWindow head = stream.head();
        if (!head.has(DESCRIPTOR, DESCRIPTOR_SIZE)
                || IDENTIFIERS.stream().noneMatch(id -> head.matches(DESCRIPTOR + 1, id))) {
            return Optional.empty();
        }
        if (head.u8(DESCRIPTOR) != 1) {
            return Optional.of(InspectionResult.unknownSize(name(), List.of()));
        }
        long blocks = head.le32(DESCRIPTOR + 80);
        long blockSize = head.le16(DESCRIPTOR + 128);
        // ECMA-119: a logical block is 2^(n+9) bytes and no larger than the 2048-byte sector
        if (blockSize != 512 && blockSize != 1024 && blockSize != 2048) {
            return Optional.of(InspectionResult.unknownSize(name(),
                    List.of("iso: invalid logical block size " + blockSize)));
        }
        long size = blocks * blockSize;
        // qemu reads an ISO as raw, so a volume claimed beyond the data is a size no guest will see
        return Optional.of(InspectionResult.of(name(), size, size > stream.totalBytes()
                ? List.of("iso: volume size " + size + " is larger than the image data")
                : List.of()));
    }
}
