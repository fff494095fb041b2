package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes and descriptors judged as qemu judges them; each hostile sample is also shown to qemu-img. */
class QemuLimitsTest {
    @TempDir
    Path dir;

    @Test
    void qcow2TooBigForQemuIsRefused() throws Exception {
        byte[] huge = HostileImages.qcow2Of4EiB(dir);

        assertThat(Feed.WHOLE.inspect(huge).safetyViolations())
                .containsExactly("qcow2: virtual size 4611686018427387904 is too big for qemu");
        assertThat(qemuRefuses(huge, "huge.qcow2")).contains("Image is too big");
    }

    @Test
    void qcow2WhoseL1TableCannotMapItsSizeIsRefused() throws Exception {
        byte[] image = Bytes.putBe64(QemuImg.create(dir, "small-l1.qcow2", "qcow2", "1G"), 24, 1L << 40);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations())
                .containsExactly("qcow2: L1 table too small for virtual size 1099511627776");
        assertThat(qemuRefuses(image, "small-l1.qcow2")).contains("L1 table is too small");
    }

    @Test
    void qcow2AtTheSizeItsL1TableMapsIsAccepted() throws Exception {
        // two L1 entries of 512 MiB each
        byte[] image = Bytes.putBe64(QemuImg.create(dir, "full-l1.qcow2", "qcow2", "1G"), 24, 1L << 30);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).isEmpty();
    }

    @Test
    void vhdOverQemusMaximumIsRefused() throws Exception {
        byte[] huge = HostileImages.vhdOf4EiB(dir);

        assertThat(Feed.WHOLE.inspect(huge).safetyViolations())
                .containsExactly("vhd: virtual size 4611686018427387904 is larger than qemu allows (2040 GiB)");
        assertThat(qemuRefuses(huge, "huge.vhd")).contains("File too large");
    }

    @Test
    void vdiOverQemusMaximumIsRefused() throws Exception {
        byte[] huge = Bytes.putLe64(QemuImg.create(dir, "huge.vdi", "vdi", "1M"), 0x170, 1L << 52);

        assertThat(Feed.WHOLE.inspect(huge).safetyViolations())
                .containsExactly("vdi: virtual size 4503599627370496 is larger than qemu allows");
        assertThat(qemuRefuses(huge, "huge.vdi")).contains("Unsupported VDI image size");
    }

    @Test
    void isoWithAnInvalidBlockSizeIsRefused() {
        assertThat(Feed.WHOLE.inspect(HostileImages.isoWithAbsurdVolume()).safetyViolations())
                .containsExactly("iso: invalid logical block size 65535");
    }

    @Test
    void isoClaimingMoreBlocksThanItHasIsRefused() {
        byte[] iso = Bytes.putLe32(PartitionSamples.iso(32), 16 * 2048 + 80, 0xffffffffL);

        assertThat(Feed.WHOLE.inspect(iso).safetyViolations())
                .containsExactly("iso: volume size 8796093020160 is larger than the image data");
    }

    @Test
    void descriptorBehindABinaryCommentIsAVmdkAsQemuProbesIt() throws Exception {
        Path extent = Files.write(dir.resolve("extent.bin"), new byte[1024]);
        byte[] descriptor = HostileImages.vmdkDescriptorWithBinaryComment(extent.toString());
        Files.write(dir.resolve("comment.vmdk"), descriptor);

        InspectionResult result = Feed.TINY_RANDOM_CHUNKS.inspect(descriptor);

        assertThat(result.format()).isEqualTo("vmdk");
        assertThat(result.safetyViolations()).containsExactly("vmdk: descriptor-only VMDK keeps its data in other files");
        assertThat(QemuImg.info(dir.resolve("comment.vmdk")).get("format").asText()).isEqualTo("vmdk");
    }

    /** qemu-img info's error for the bytes, which it must refuse. */
    private String qemuRefuses(byte[] image, String name) throws Exception {
        Path file = Files.write(dir.resolve("probe-" + name), image);
        Process p = new ProcessBuilder(List.of("qemu-img", "info", file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }
}
