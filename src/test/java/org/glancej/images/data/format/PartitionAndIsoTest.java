package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionAndIsoTest {

    @Test
    void protectiveMbrIsGptSizedByBytes() {
        byte[] disk = PartitionSamples.disk(PartitionSamples.protectiveMbr(), 1 << 20);

        InspectionResult result = Feed.TINY_RANDOM_CHUNKS.inspect(disk);

        assertThat(result.format()).isEqualTo("gpt");
        assertThat(result.virtualSize()).hasValue(1L << 20);
        assertThat(result.safetyViolations()).isEmpty();
    }

    @Test
    void protectiveMbrWithExtraPartitionsIsRefused() {
        byte[] mbr = PartitionSamples.protectiveMbr();
        mbr[446 + 16 + 4] = (byte) 0x83;

        assertThat(Feed.WHOLE.inspect(PartitionSamples.disk(mbr, 4096)).safetyViolations())
                .containsExactly("gpt: protective MBR defines extra partitions");
    }

    @Test
    void badProtectiveMbrIsRefused() {
        byte[] mbr = PartitionSamples.protectiveMbr();
        mbr[446] = 0x12;
        Bytes.putLe32(mbr, 446 + 8, 2048);

        assertThat(Feed.WHOLE.inspect(PartitionSamples.disk(mbr, 4096)).safetyViolations())
                .containsExactly("gpt: MBR partition 0 has an invalid boot flag", "gpt: protective MBR has an invalid start LBA");
    }

    @Test
    void emptyPartitionTableIsRefused() {
        byte[] mbr = Bytes.putLe16(new byte[512], 510, 0xaa55);

        assertThat(Feed.WHOLE.inspect(mbr).safetyViolations()).containsExactly("gpt: MBR has no partitions");
    }

    @Test
    void fatBootRecordIsRaw() {
        byte[] vbr = Bytes.putLe16(new byte[512], 510, 0xaa55);
        vbr[0x10] = 2;
        vbr[0x15] = (byte) 0xf8;

        assertThat(Feed.WHOLE.inspect(vbr).format()).isEqualTo("raw");
    }

    @Test
    void isoVolumeSizeComesFromThePrimaryVolumeDescriptor() {
        byte[] iso = PartitionSamples.iso(40);

        InspectionResult result = Feed.TINY_RANDOM_CHUNKS.inspect(Bytes.concat(iso, new byte[4096]));

        assertThat(result.format()).isEqualTo("iso");
        assertThat(result.virtualSize()).hasValue(40L * 2048);
        assertThat(result.safetyViolations()).isEmpty();
    }

    @Test
    void hybridIsoWithPartitionTableIsIso() {
        byte[] iso = PartitionSamples.iso(40);
        byte[] mbr = PartitionSamples.protectiveMbr();
        mbr[446 + 16 + 4] = (byte) 0xef; // an EFI partition next to the protective one fails the GPT checks
        System.arraycopy(mbr, 0, iso, 0, 512);

        InspectionResult result = Feed.WHOLE.inspect(iso);

        assertThat(result.format()).isEqualTo("iso");
        assertThat(result.safetyViolations()).isEmpty();
    }

    @Test
    void isoWithoutPrimaryDescriptorFirstHasUnknownSize() {
        byte[] iso = PartitionSamples.iso(40);
        iso[32 * 1024] = 2;

        InspectionResult result = Feed.WHOLE.inspect(iso);

        assertThat(result.format()).isEqualTo("iso");
        assertThat(result.virtualSize()).isEmpty();
    }

    @Test
    void isoShorterThanItsDescriptorIsRaw() {
        byte[] iso = java.util.Arrays.copyOf(PartitionSamples.iso(40), 33 * 1024);

        assertThat(Feed.WHOLE.inspect(iso).format()).isEqualTo("raw");
    }
}
