package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmdkSafetyTest {
    @TempDir
    Path dir;

    @Test
    void monolithicFlatDescriptorIsRefused() throws Exception {
        byte[] descriptor = QemuImg.create(dir, "flat.vmdk", "vmdk", "1M", "-o", "subformat=monolithicFlat");

        InspectionResult result = Feed.TINY_RANDOM_CHUNKS.inspect(descriptor);

        assertThat(result.format()).isEqualTo("vmdk");
        assertThat(result.safetyViolations()).containsExactly("vmdk: descriptor-only VMDK keeps its data in other files");
    }

    @Test
    void splitSparseDescriptorIsRefused() throws Exception {
        byte[] descriptor = QemuImg.create(dir, "split.vmdk", "vmdk", "3G", "-o", "subformat=twoGbMaxExtentSparse");

        assertThat(Feed.WHOLE.inspect(descriptor).safetyViolations()).isNotEmpty();
    }

    @Test
    void descriptorFileRecognisedByQemusVersionLineIsRefused() {
        byte[] text = "# Disk DescriptorFile\nversion=1\nRW 2048 FLAT \"/etc/shadow\" 0\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(Feed.WHOLE.inspect(text).format()).isEqualTo("vmdk");
    }

    @Test
    void plainTextIsRaw() {
        byte[] text = "just some notes\nversion=7\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(Feed.WHOLE.inspect(text).format()).isEqualTo("raw");
    }

    @Test
    void parentFileIsRefused() throws Exception {
        QemuImg.create(dir, "base.vmdk", "vmdk", "1M");
        byte[] child = QemuImg.create(dir, "child.vmdk", "vmdk", "1M", "-b", "base.vmdk", "-F", "vmdk");

        assertThat(Feed.WHOLE.inspect(child).safetyViolations()).containsExactly("vmdk: image has a parent (backing) file");
    }

    @Test
    void extentWithPathIsRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "abcdefghijk.vmdk", "vmdk", "1M");
        int name = Bytes.indexOf(image, "SPARSE \"abcdefghijk.vmdk\"");
        Bytes.putAscii(image, name + "SPARSE \"".length(), "/etc/passwd");

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vmdk: extent refers to a file path");
    }

    @Test
    void unknownDescriptorLinesAndTypesAreRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.vmdk", "vmdk", "1M");
        Bytes.putAscii(image, Bytes.indexOf(image, "monolithicSparse"), "monolithicFlat\"\nfoo");

        assertThat(Feed.WHOLE.inspect(image).safetyViolations())
                .contains("vmdk: unsupported createType \"monolithicflat\"", "vmdk: invalid descriptor line");
    }

    @Test
    void sparseHeaderWithoutCapacityIsRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.vmdk", "vmdk", "1M");
        Bytes.putLe64(image, 12, 0);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vmdk: sparse header without capacity");
    }

    @Test
    void descriptorElsewhereThanSectorOneIsRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.vmdk", "vmdk", "1M");
        Bytes.putLe64(image, 28, 1L << 40);

        InspectionResult result = Feed.WHOLE.inspect(image);

        assertThat(result.format()).isEqualTo("vmdk");
        assertThat(result.safetyViolations()).containsExactly("vmdk: no embedded descriptor at sector 1");
    }

    @Test
    void hugeDescriptorSizeIsCappedAndStillChecked() throws Exception {
        byte[] image = QemuImg.create(dir, "a.vmdk", "vmdk", "1M");
        Bytes.putLe64(image, 36, Long.MAX_VALUE);

        FormatInspector inspector = FormatInspector.create();
        inspector.update(image, 0, image.length);
        InspectionResult result = inspector.finish();

        assertThat(result.safetyViolations()).containsExactly("vmdk: descriptor could not be inspected");
        assertThat(inspector.retainedBytes()).isLessThanOrEqualTo(FormatInspector.MAX_RETAINED + FormatInspector.TAIL_SIZE);
    }

    @Test
    void streamOptimizedFooterIsCheckedAndItsCapacityUsed() throws Exception {
        byte[] image = withFooter(dir);

        InspectionResult result = Feed.TINY_RANDOM_CHUNKS.inspect(image);

        assertThat(result.safetyViolations()).isEmpty();
        assertThat(result.virtualSize()).hasValue(5L * 1024 * 1024);
    }

    @Test
    void brokenFooterIsRefused() throws Exception {
        byte[] image = withFooter(dir);
        image[image.length - 1] = 1;
        Bytes.putLe64(image, image.length - 1024 + 56, -1L);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations())
                .containsExactly("vmdk: footer points at another footer", "vmdk: end-of-stream marker is invalid");
    }

    @Test
    void legacyCowdSparseIsRefused() {
        byte[] image = Arrays.copyOf("COWD".getBytes(StandardCharsets.US_ASCII), 4096);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vmdk: unsupported legacy (COWD) sparse format");
    }

    /** A streamOptimized VMDK whose grain directory is deferred to a footer, with a 5 MiB capacity there. */
    static byte[] withFooter(Path dir) throws Exception {
        Path raw = dir.resolve("small.raw");
        Files.write(raw, new byte[4096]);
        byte[] image = QemuImg.convert(dir, raw, "so.vmdk", "vmdk", "-o", "subformat=streamOptimized");
        byte[] footer = Arrays.copyOf(image, 512);
        Bytes.putLe64(footer, 12, 5L * 1024 * 1024 / 512);
        Bytes.putLe64(image, 56, -1L);
        byte[] marker = Bytes.putLe32(Bytes.putLe64(new byte[512], 0, 1), 12, 3);
        return Bytes.concat(image, Bytes.concat(Bytes.concat(marker, footer), new byte[512]));
    }
}
