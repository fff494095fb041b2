package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qcow2SafetyTest {
    @TempDir
    Path dir;

    @Test
    void backingFileIsRefused() throws Exception {
        QemuImg.create(dir, "base.qcow2", "qcow2", "1M");
        byte[] image = QemuImg.create(dir, "child.qcow2", "qcow2", "1M", "-b", "base.qcow2", "-F", "qcow2");

        InspectionResult result = Feed.WHOLE.inspect(image);

        assertThat(result.format()).isEqualTo("qcow2");
        assertThat(result.safetyViolations()).contains("qcow2: image has a backing file");
    }

    @Test
    void externalDataFileIsRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "d.qcow2", "qcow2", "1M", "-o", "data_file=host-file.raw");

        assertThat(Feed.TINY_RANDOM_CHUNKS.inspect(image).safetyViolations())
                .contains("qcow2: image has an external data file", "qcow2: image names an external data file");
    }

    @Test
    void dataFileExtensionWithoutFeatureBitIsStillRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "d.qcow2", "qcow2", "1M", "-o", "data_file=host-file.raw");
        Bytes.putBe64(image, 72, 0);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations())
                .containsExactly("qcow2: image names an external data file");
    }

    @Test
    void unknownIncompatibleFeaturesAreRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");
        Bytes.putBe64(image, 72, 1L << 40);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("qcow2: unknown incompatible features");
    }

    @Test
    void extendedL2IsRefusedLikeUpstream() throws Exception {
        byte[] image = QemuImg.create(dir, "l2.qcow2", "qcow2", "1M", "-o", "extended_l2=on");

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("qcow2: unknown incompatible features");
    }

    @Test
    void hugeVirtualSizeIsReportedAsOutOfRange() throws Exception {
        byte[] image = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");
        Bytes.putBe64(image, 24, -1L);

        InspectionResult result = Feed.WHOLE.inspect(image);

        assertThat(result.virtualSize()).isEmpty();
        assertThat(result.safetyViolations()).containsExactly("qcow2: virtual size out of range");
    }

    @Test
    void largestRepresentableSizeIsReported() throws Exception {
        byte[] image = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");
        Bytes.putBe64(image, 24, Long.MAX_VALUE);

        assertThat(Feed.WHOLE.inspect(image).virtualSize()).hasValue(Long.MAX_VALUE);
    }

    @Test
    void otherVersionsAreRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");

        assertThat(Feed.WHOLE.inspect(Bytes.putBe32(image.clone(), 4, 1)).safetyViolations())
                .contains("qcow2: unsupported version 1");
        assertThat(Feed.WHOLE.inspect(Bytes.putBe32(image.clone(), 4, 4)).safetyViolations())
                .contains("qcow2: unsupported version 4");
    }

    @Test
    void runawayHeaderExtensionsAreRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");
        int firstExtension = 112;
        Bytes.putBe32(image, firstExtension, 0x12345678);
        Bytes.putBe32(image, firstExtension + 4, 0xfffffff0L);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("qcow2: malformed header extension");
    }

    @Test
    void truncatedHeaderIsStillQcow2ButRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");
        byte[] truncated = java.util.Arrays.copyOf(image, 50);

        InspectionResult result = Feed.WHOLE.inspect(truncated);

        assertThat(result.format()).isEqualTo("qcow2");
        assertThat(result.safetyViolations()).containsExactly("qcow2: truncated header");
    }
}
