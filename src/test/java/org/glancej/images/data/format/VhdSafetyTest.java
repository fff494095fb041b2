package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VhdSafetyTest {
    @TempDir
    Path dir;

    @Test
    void differencingDiskIsRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "a.vhd", "vpc", "1G");
        Bytes.putBe32(image, 60, 4);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations())
                .containsExactly("vhd: differencing disk refers to a parent image");
    }

    @Test
    void truncatedFooterCopyIsRefused() throws Exception {
        byte[] image = Arrays.copyOf(QemuImg.create(dir, "a.vhd", "vpc", "1G"), 100);

        InspectionResult result = Feed.WHOLE.inspect(image);

        assertThat(result.format()).isEqualTo("vhd");
        assertThat(result.safetyViolations()).containsExactly("vhd: truncated footer");
    }

    @Test
    void fixedDiskHoldingPartitionedDiskIsVhd() throws Exception {
        byte[] image = QemuImg.create(dir, "f.vhd", "vpc", "10M", "-o", "subformat=fixed");
        System.arraycopy(PartitionSamples.protectiveMbr(), 0, image, 0, 512);

        InspectionResult result = Feed.CHUNKS_64K.inspect(image);

        assertThat(result.format()).isEqualTo("vhd");
        assertThat(result.virtualSize()).hasValue(QemuImg.virtualSize(dir.resolve("f.vhd"), "vpc"));
        assertThat(result.safetyViolations()).isEmpty();
    }

    @Test
    void fixedFooterClaimingMoreThanTheDataIsRefused() throws Exception {
        byte[] image = QemuImg.create(dir, "f.vhd", "vpc", "10M", "-o", "subformat=fixed");
        int footer = image.length - 512;
        image[footer + 58] = (byte) 255; // heads: the CHS geometry now exceeds the file
        fixChecksum(image, footer);

        assertThat(Feed.WHOLE.inspect(image).safetyViolations()).containsExactly("vhd: fixed disk is larger than its data");
    }

    @Test
    void footerWithBadChecksumIsNotAFixedVhd() throws Exception {
        byte[] image = QemuImg.create(dir, "f.vhd", "vpc", "10M", "-o", "subformat=fixed");
        image[image.length - 512 + 58] ^= 1;

        assertThat(Feed.WHOLE.inspect(image).format()).isEqualTo("raw");
    }

    @Test
    void qcow2WithFixedVhdFooterIsTwoFormatsAndRefused() throws Exception {
        byte[] qcow2 = QemuImg.create(dir, "a.qcow2", "qcow2", "1M");
        byte[] vhd = QemuImg.create(dir, "f.vhd", "vpc", "1M", "-o", "subformat=fixed");
        byte[] image = Bytes.concat(qcow2, Arrays.copyOfRange(vhd, vhd.length - 512, vhd.length));

        InspectionResult result = Feed.WHOLE.inspect(image);

        assertThat(result.format()).isEqualTo("qcow2");
        assertThat(result.safetyViolations()).containsExactly("multiple formats detected: qcow2, vhd");
    }

    static void fixChecksum(byte[] image, int footer) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            if (i < 64 || i >= 68) {
                sum += image[footer + i] & 0xff;
            }
        }
        Bytes.putBe32(image, footer + 64, ~sum);
    }
}
