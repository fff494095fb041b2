package org.glancej.images.data.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real images of every supported format, made by qemu-img, with the virtual size qemu-img reports. */
final class QemuSamples {
    record Sample(String label, String format, byte[] bytes, long qemuVirtualSize) {
        @Override
        public String toString() {
            return label;
        }
    }

    private QemuSamples() {}

    /** Three MiB of random bytes that no probe recognises. */
    static Path randomRaw(Path dir) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(data);
        data[0] = 0;
        data[510] = 0;
        Path file = dir.resolve("random.raw");
        Files.write(file, data);
        return file;
    }

    static List<Sample> all(Path dir) throws Exception {
        Path raw = randomRaw(dir);
        List<Sample> samples = new ArrayList<>();
        samples.add(sample(dir, "raw", "raw", Files.readAllBytes(raw), "random.raw"));
        samples.add(sample(dir, "qcow2 v3 empty", "qcow2", QemuImg.create(dir, "a.qcow2", "qcow2", "1G"), "a.qcow2"));
        samples.add(sample(dir, "qcow2 v2", "qcow2", QemuImg.create(dir, "v2.qcow2", "qcow2", "1G", "-o", "compat=0.10"),
                "v2.qcow2"));
        samples.add(sample(dir, "qcow2 with data", "qcow2", QemuImg.convert(dir, raw, "d.qcow2", "qcow2"), "d.qcow2"));
        samples.add(sample(dir, "vmdk monolithicSparse", "vmdk", QemuImg.create(dir, "a.vmdk", "vmdk", "1G"), "a.vmdk"));
        samples.add(sample(dir, "vmdk streamOptimized", "vmdk",
                QemuImg.convert(dir, raw, "s.vmdk", "vmdk", "-o", "subformat=streamOptimized"), "s.vmdk"));
        samples.add(sample(dir, "vhd dynamic", "vhd", QemuImg.create(dir, "a.vhd", "vpc", "1G"), "a.vhd"));
        samples.add(sample(dir, "vhd dynamic sized by current_size", "vhd",
                QemuImg.create(dir, "q.vhd", "vpc", "1000M", "-o", "force_size=on"), "q.vhd"));
        samples.add(sample(dir, "vhd fixed", "vhd",
                QemuImg.create(dir, "f.vhd", "vpc", "10M", "-o", "subformat=fixed"), "f.vhd", "vpc"));
        samples.add(sample(dir, "vhdx dynamic", "vhdx", QemuImg.create(dir, "a.vhdx", "vhdx", "1G"), "a.vhdx"));
        samples.add(sample(dir, "vhdx with data", "vhdx", QemuImg.convert(dir, raw, "d.vhdx", "vhdx"), "d.vhdx"));
        samples.add(sample(dir, "vhdx fixed", "vhdx",
                QemuImg.create(dir, "f.vhdx", "vhdx", "8M", "-o", "subformat=fixed"), "f.vhdx"));
        samples.add(sample(dir, "vdi dynamic", "vdi", QemuImg.create(dir, "a.vdi", "vdi", "1G"), "a.vdi"));
        samples.add(sample(dir, "vdi static", "vdi", QemuImg.create(dir, "s.vdi", "vdi", "8M", "-o", "static=on"),
                "s.vdi"));
        samples.add(sample(dir, "luks", "luks", QemuImg.create(dir, "a.luks", "luks", "16M",
                "--object", "secret,id=sec0,data=abc", "-o", "key-secret=sec0,iter-time=10"), "a.luks"));
        return samples;
    }

    private static Sample sample(Path dir, String label, String format, byte[] bytes, String file, String... forced)
            throws Exception {
        return new Sample(label, format, bytes, QemuImg.virtualSize(dir.resolve(file), forced));
    }
}
