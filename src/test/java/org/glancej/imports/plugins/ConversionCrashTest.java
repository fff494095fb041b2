package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glancej.store.file.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while it converts leaves the staged file whole and a scratch file beside it, which
 * {@link ImportPlugins#removeLeftovers} removes after the restart; its qemu-img dies with it.
 */
class ConversionCrashTest {
    private static final String ID = "3c9d2f7e-1b4a-4c8e-9f6d-0a5b7c8d9e21";

    @TempDir
    Path dir;

    @Test
    void killDuringConversionLeavesTheStagedFileWholeAndLeftoversRemovable() throws Exception {
        Path raw = dir.resolve("disk.raw");
        try (var out = Files.newOutputStream(raw)) {
            for (int i = 0; i < 64; i++) {
                out.write(Samples.randomDisk(8 << 20, i));
            }
        }
        Path qcow2 = Samples.qemuConvert(dir, raw, "disk.qcow2", "qcow2");
        Files.delete(raw);
        Path staging = Files.createDirectory(dir.resolve("staging"));
        StagedImage image = StagedImage.inStagingStore(new FileStore(staging), ID, "qcow2", "bare");
        Files.copy(qcow2, image.data());
        Path scratch = StagedFiles.scratch(image.data(), "converted");

        String java = ProcessHandle.current().info().command().orElseThrow();
        Process converting = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConversionBench.class.getName(), image.data().toString(), "qcow2", "raw")
                .redirectErrorStream(true).redirectOutput(dir.resolve("bench.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(scratch) && converting.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(Files.exists(scratch)).as("conversion started").isTrue();
        } finally {
            converting.destroyForcibly().waitFor();
        }
        // qemu-img dies with the process that ran it, so it cannot write beside the staged data after a restart
        List<ProcessHandle> orphans = qemuImgOn(image.data());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!orphans.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            orphans = qemuImgOn(image.data());
        }
        for (ProcessHandle orphan : orphans) {
            orphan.destroyForcibly(); // not to leave it running when the assertion below fails
        }
        assertThat(orphans).as("qemu-img still running after its parent was killed").isEmpty();

        assertThat(Files.mismatch(image.data(), qcow2)).as("staged file whole").isEqualTo(-1);
        assertThat(Samples.listing(staging)).containsExactly(ID, ID + ".converted.part");
        assertThat(ImportPlugins.removeLeftovers(image.data())).isEqualTo(1);
        assertThat(Samples.listing(staging)).isEqualTo(List.of(ID));
    }

    private static List<ProcessHandle> qemuImgOn(Path file) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(file.toString()) && p.isAlive()).toList();
    }
}
