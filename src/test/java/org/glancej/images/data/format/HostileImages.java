package org.glancej.images.data.format;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The uploads that format enforcement must refuse (each reproduced against the service before enforcement
 * existed), and real qemu-img images that it must keep accepting. Shared by the unit and HTTP tests.
 */
public final class HostileImages {
    /** An upload and the disk_format it is declared as. */
    public record Case(String label, String diskFormat, byte[] bytes) {
        @Override
        public String toString() {
            return label;
        }
    }

    private HostileImages() {}

    /** Random bytes no probe recognises (no qcow2/VMDK magic at 0, no MBR signature at 510). */
    public static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        data[0] = 0;
        data[510] = 0;
        return data;
    }

    /** A text-only monolithicFlat VMDK whose first line is a comment full of binary bytes, as qemu still opens. */
    public static byte[] vmdkDescriptorWithBinaryComment(String extentPath) {
        byte[] comment = {'#', 1, 2, (byte) 0xff, (byte) 0xfe, 0x7f, (byte) 0x80, (byte) 0x90, '\n'};
        String text = "version=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n"
                + "# Extent description\nRW 2 FLAT \"" + extentPath + "\" 0\n";
        return Bytes.concat(comment, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A real qcow2 whose header claims 2^62 bytes, which qemu refuses ("Image is too big"). */
    public static byte[] qcow2Of4EiB(Path dir) throws Exception {
        return Bytes.putBe64(QemuImg.create(dir, "huge.qcow2", "qcow2", "1G"), 24, 1L << 62);
    }

    /** A real dynamic VHD sized by its current size, claiming 2^62 bytes, which qemu refuses ("File too large"). */
    public static byte[] vhdOf4EiB(Path dir) throws Exception {
        byte[] vhd = QemuImg.create(dir, "huge.vhd", "vpc", "100M", "-o", "force_size=on");
        for (int footer : new int[] {0, vhd.length - 512}) {
            Bytes.putBe64(vhd, footer + 48, 1L << 62);
            Bytes.putBe32(vhd, footer + 64, 0);
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += vhd[footer + i] & 0xff;
            }
            Bytes.putBe32(vhd, footer + 64, ~sum & 0xffffffffL);
        }
        return vhd;
    }

    /** An ISO 9660 volume claiming 0xFFFFFFFF blocks of 65535 bytes. */
    public static byte[] isoWithAbsurdVolume() {
        byte[] iso = PartitionSamples.iso(32);
        Bytes.putLe32(iso, 16 * 2048 + 80, 0xffffffffL);
        Bytes.putLe16(iso, 16 * 2048 + 128, 65535);
        return iso;
    }

    /** Every refusal the issue reproduced, as uploads. */
    public static List<Case> refused(Path dir) throws Exception {
        byte[] random = random(1 << 20);
        byte[] shadow = vmdkDescriptorWithBinaryComment("/etc/shadow");
        return List.of(
                new Case("qcow2 declared raw", "raw", QemuImg.create(dir, "r.qcow2", "qcow2", "1M")),
                new Case("random 1 MiB declared qcow2", "qcow2", random),
                new Case("random 1 MiB declared vmdk", "vmdk", random),
                new Case("random 1 MiB declared vhd", "vhd", random),
                new Case("random 1 MiB declared vhdx", "vhdx", random),
                new Case("random 1 MiB declared iso", "iso", random),
                new Case("random 1 MiB declared vdi", "vdi", random),
                new Case("VDI declared raw", "raw", QemuImg.create(dir, "r.vdi", "vdi", "1M")),
                new Case("LUKS1 declared raw", "raw", luks(dir)),
                new Case("empty body declared qcow2", "qcow2", new byte[0]),
                new Case("VMDK descriptor with binary comment declared vmdk", "vmdk", shadow),
                new Case("VMDK descriptor with binary comment declared raw", "raw", shadow),
                new Case("qcow2 of 2^62 bytes", "qcow2", qcow2Of4EiB(dir)),
                new Case("VHD of 2^62 bytes", "vhd", vhdOf4EiB(dir)),
                new Case("ISO of 0xFFFFFFFF x 65535 bytes", "iso", isoWithAbsurdVolume()));
    }

    /**
     * Real images of every format qemu-img writes, each declared as itself, random bytes as raw, and partitioned
     * disks and ISOs as raw and as themselves ({@code luks} and {@code gpt} need adding to disk_formats).
     */
    public static List<Case> accepted(Path dir) throws Exception {
        List<Case> cases = new java.util.ArrayList<>(QemuSamples.all(dir).stream()
                .map(s -> new Case(s.label(), s.format(), s.bytes()))
                .toList());
        byte[] gpt = PartitionSamples.disk(PartitionSamples.protectiveMbr(), 1 << 20);
        byte[] iso = PartitionSamples.iso(64);
        byte[] hybrid = PartitionSamples.iso(64);
        System.arraycopy(PartitionSamples.protectiveMbr(), 0, hybrid, 0, 512);
        cases.stream().filter(c -> c.label().equals("vhd fixed")).findFirst()
                .ifPresent(vhd -> cases.add(new Case("vhd fixed declared raw", "raw", vhd.bytes())));
        cases.add(new Case("GPT disk declared gpt", "gpt", gpt));
        cases.add(new Case("GPT disk declared raw", "raw", gpt));
        cases.add(new Case("ISO declared iso", "iso", iso));
        cases.add(new Case("ISO declared raw", "raw", iso));
        cases.add(new Case("ISO with a GPT declared iso", "iso", hybrid));
        cases.add(new Case("random 1 MiB declared raw", "raw", random(1 << 20)));
        cases.add(new Case("random 1 MiB declared ami", "ami", random(1 << 20)));
        return cases;
    }

    static byte[] luks(Path dir) throws Exception {
        return QemuImg.create(dir, "r.luks", "luks", "4M", "--object", "secret,id=sec0,data=abc",
                "-o", "key-secret=sec0,iter-time=10");
    }
}
