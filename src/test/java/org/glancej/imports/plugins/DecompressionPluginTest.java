package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecompressionPluginTest {
    private static final String ID = "0b2cc4b6-3e0e-4c5c-9d35-6a3c63c1d7f4";
    private static final long CAP = 8L << 20;

    @TempDir
    Path dir;

    private final DecompressionPlugin plugin = new DecompressionPlugin(CAP);

    private StagedImage staged(byte[] bytes, String containerFormat) throws Exception {
        return new StagedImage(ID, Samples.stage(dir, ID, bytes), "raw", containerFormat);
    }

    @Test
    void gzipIsReplacedInPlaceByItsContent() throws Exception {
        byte[] disk = Samples.randomDisk(3 << 20, 1);
        StagedImage image = staged(Samples.gzip(disk), "bare");

        ImageChanges changes = plugin.apply(image, Samples.MEMBER, ImportProgress.NONE);

        assertThat(Files.readAllBytes(image.data())).isEqualTo(disk);
        assertThat(changes.size()).hasValue(disk.length);
        assertThat(changes.dataReplaced()).isTrue();
        assertThat(Samples.listing(dir)).containsExactly(ID);
    }

    @Test
    void gzipProgressCountsTheCompressedBytes() throws Exception {
        byte[] archive = Samples.gzip(Samples.randomDisk(3 << 20, 14));
        RecordedProgress progress = new RecordedProgress(false);

        plugin.apply(staged(archive, "bare"), Samples.MEMBER, progress);

        assertThat(progress.phases).containsExactly("decompressing");
        assertThat(progress.totals).containsExactly(java.util.OptionalLong.of(archive.length));
        assertThat(progress.done).isEqualTo(archive.length);
        assertThat(progress.advances).isGreaterThan(1);
    }

    @Test
    void decompressionStoppedByItsTaskLeavesNothing() throws Exception {
        byte[] archive = Samples.zip(new String[] {"disk"}, Samples.randomDisk(3 << 20, 15));
        StagedImage image = staged(archive, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, new RecordedProgress(true)))
                .isInstanceOf(IllegalStateException.class);
        assertUntouched(image, archive);
    }

    @Test
    void zipHoldingOneFileIsReplacedByThatFile() throws Exception {
        byte[] disk = Samples.randomDisk(1 << 20, 2);
        StagedImage image = staged(Samples.zip(new String[] {"../../etc/disk.img"}, disk), "bare");

        ImageChanges changes = plugin.apply(image, Samples.MEMBER, ImportProgress.NONE);

        assertThat(Files.readAllBytes(image.data())).isEqualTo(disk);
        assertThat(changes.size()).hasValue(disk.length);
        assertThat(Samples.listing(dir)).containsExactly(ID);
    }

    @Test
    void zipHoldingTwoFilesIsRefusedAsUpstreamRefusesIt() throws Exception {
        byte[] archive = Samples.zip(new String[] {"a", "b"}, new byte[10], new byte[10]);
        StagedImage image = staged(archive, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Archive contains more than one file.");
        assertUntouched(image, archive);
    }

    @Test
    void zipBombStopsAtTheSizeCapAndLeavesNothing() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        Samples.zipOfZeros(bomb, 1L << 30);
        byte[] archive = Files.readAllBytes(bomb);
        Files.delete(bomb);
        assertThat(archive.length).isLessThan(2 << 20); // 1 GiB out of about 1 MiB
        StagedImage image = staged(archive, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Decompressed image data is larger than the maximum image size of " + CAP + " bytes")
                .extracting(e -> ((ImportPluginFailure) e).plugin()).isEqualTo("image_decompression");
        assertUntouched(image, archive);
    }

    @Test
    void gzipWhoseOutputExceedsTheCapIsRefused() throws Exception {
        Path gz = dir.resolve("big.gz");
        Samples.gzipOfZeros(gz, CAP + 1);
        byte[] archive = Files.readAllBytes(gz);
        Files.delete(gz);
        StagedImage image = staged(archive, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessageContaining("larger than the maximum image size");
        assertUntouched(image, archive);
    }

    @Test
    void gzipOfExactlyTheCapPasses() throws Exception {
        Path gz = dir.resolve("cap.gz");
        Samples.gzipOfZeros(gz, CAP);
        byte[] archive = Files.readAllBytes(gz);
        Files.delete(gz);

        assertThat(plugin.apply(staged(archive, "bare"), Samples.MEMBER, ImportProgress.NONE).size()).hasValue(CAP);
    }

    @Test
    void truncatedGzipFailsCleanly() throws Exception {
        byte[] gz = Samples.gzip(Samples.randomDisk(1 << 20, 3));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        StagedImage image = staged(truncated, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Error decompressing gzip image data: unexpected end of data");
        assertUntouched(image, truncated);
    }

    @Test
    void zipWithACorruptedEntryFailsItsCrc() throws Exception {
        byte[] archive = Samples.zip(new String[] {"disk"}, Samples.randomDisk(4096, 4));
        // random data deflates to stored blocks: a flipped payload byte still decodes, and only the CRC tells
        archive[60] ^= 0x01;
        StagedImage image = staged(archive, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessageStartingWith("Error decompressing ZIP image data");
        assertUntouched(image, archive);
    }

    @Test
    void lhaArchiveIsRefusedWithAMessage() throws Exception {
        byte[] lha = new byte[64];
        System.arraycopy("xx-lh5-".getBytes(), 0, lha, 0, 7);
        StagedImage image = staged(lha, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessageContaining("LHA archive");
        assertUntouched(image, lha);
    }

    @Test
    void compressedContainerIsLeftCompressedAsUpstream() throws Exception {
        byte[] archive = Samples.gzip(new byte[100]);
        StagedImage image = staged(archive, "compressed");

        assertThat(plugin.apply(image, Samples.MEMBER, ImportProgress.NONE)).isEqualTo(ImageChanges.NONE);
        assertUntouched(image, archive);
    }

    @Test
    void uncompressedDataIsLeftAlone() throws Exception {
        byte[] disk = Samples.randomDisk(1 << 16, 5);
        StagedImage image = staged(disk, "bare");

        assertThat(plugin.apply(image, Samples.MEMBER, ImportProgress.NONE)).isEqualTo(ImageChanges.NONE);
        assertUntouched(image, disk);
    }

    @Test
    void zipAnnouncingAHugeCentralDirectoryIsRefusedUnread() throws Exception {
        byte[] archive = Samples.zip(new String[] {"disk"}, new byte[100]);
        int eocd = archive.length - 22;
        // one entry, but a central directory of 2 GiB
        archive[eocd + 12] = 0;
        archive[eocd + 13] = 0;
        archive[eocd + 14] = 0;
        archive[eocd + 15] = (byte) 0x80;
        StagedImage image = staged(archive, "bare");

        assertThatThrownBy(() -> plugin.apply(image, Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("ZIP archive has an implausibly large central directory");
    }

    private void assertUntouched(StagedImage image, byte[] bytes) throws Exception {
        assertThat(Files.readAllBytes(image.data())).isEqualTo(bytes);
        assertThat(Samples.listing(dir)).isEqualTo(List.of(ID));
    }
}
