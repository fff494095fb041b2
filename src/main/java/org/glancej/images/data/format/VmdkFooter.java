package org.glancej.images.data.format;

import java.util.List;

/**
 * A streamOptimized VMDK may defer its grain directory to a footer: the last three sectors are a footer marker,
 * a copy of the sparse header that qemu then trusts over the first one, and an end-of-stream marker.
 */
final class VmdkFooter {
    private static final int SECTOR = 512;
    private static final int MARKER_EOS = 0;
    private static final int MARKER_FOOTER = 3;
    private static final long GD_AT_END = -1L;

    private VmdkFooter() {}

    static void check(ByteWindow head, ByteWindow tail, List<String> violations) {
        if (!tail.has(0, 3 * SECTOR)) {
            violations.add("vmdk: footer missing");
            return;
        }
        int footer = SECTOR;
        if (!tail.matches(footer, "KDMV") || tail.le32(footer + 4) != head.le32(4)) {
            violations.add("vmdk: footer does not match header");
        }
        if (tail.le64(footer + 28) != head.le64(28) || tail.le64(footer + 36) != head.le64(36)) {
            violations.add("vmdk: footer specifies a different descriptor");
        }
        if (tail.le64(footer + 56) == GD_AT_END) {
            violations.add("vmdk: footer points at another footer");
        }
        if (!isMarker(tail, 0, MARKER_FOOTER)) {
            violations.add("vmdk: footer marker is invalid");
        }
        if (!isMarker(tail, 2 * SECTOR, MARKER_EOS) || tail.le64(2 * SECTOR) != 0) {
            violations.add("vmdk: end-of-stream marker is invalid");
        }
    }

    /** qemu reads the capacity from the footer when there is one. */
    static long capacity(ByteWindow tail, long headerCapacity) {
        return tail.has(0, 3 * SECTOR) && tail.matches(SECTOR, "KDMV") ? tail.le64(SECTOR + 12) : headerCapacity;
    }

    private static boolean isMarker(ByteWindow tail, int pos, int type) {
        if (tail.le32(pos + 8) != 0 || tail.le32(pos + 12) != type) {
            return false;
        }
        for (int i = pos + 16; i < pos + SECTOR; i++) {
            if (tail.u8(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
