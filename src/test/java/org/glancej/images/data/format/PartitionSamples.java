package org.glancej.images.data.format;

/** Hand-built partition tables and ISO 9660 volumes, following the UEFI and ECMA-119 layouts. */
final class PartitionSamples {
    private PartitionSamples() {}

    /** A GPT protective MBR: one 0xEE partition from LBA 1, start CHS 0/2/0. */
    static byte[] protectiveMbr() {
        byte[] mbr = new byte[512];
        int entry = 446;
        mbr[entry + 2] = 2;
        mbr[entry + 4] = (byte) 0xee;
        Bytes.putLe32(mbr, entry + 8, 1);
        Bytes.putLe32(mbr, entry + 12, 0xffffffffL);
        Bytes.putLe16(mbr, 510, 0xaa55);
        return mbr;
    }

    /** A disk of {@code size} bytes starting with {@code mbr}. */
    static byte[] disk(byte[] mbr, int size) {
        byte[] disk = new byte[size];
        System.arraycopy(mbr, 0, disk, 0, mbr.length);
        return disk;
    }

    /** An ISO 9660 image: system area, primary volume descriptor, terminator, then data blocks. */
    static byte[] iso(int blocks) {
        byte[] iso = new byte[blocks * 2048];
        int pvd = 16 * 2048;
        iso[pvd] = 1;
        Bytes.putAscii(iso, pvd + 1, "CD001");
        iso[pvd + 6] = 1;
        Bytes.putLe32(iso, pvd + 80, blocks);
        Bytes.putBe32(iso, pvd + 84, blocks);
        Bytes.putLe16(iso, pvd + 128, 2048);
        iso[pvd + 131] = 8; // block size, big-endian half
        iso[pvd + 2048] = (byte) 255;
        Bytes.putAscii(iso, pvd + 2049, "CD001");
        return iso;
    }
}
