package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.images.data.format.FormatEnforcement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain as the import calls it: plugins in the configured order, each seeing the image as the last left it. */
class ImportPluginsTest {
    private static final String ID = "e8c3e2a4-7c1b-4e0f-a1f8-3f2d5c6b7a81";

    @TempDir
    Path dir;

    private static ImportPlugins chain(String conf) {
        return ImportPlugins.create(ImportPluginsConfig.from(ConfigFile.parse(conf), 64L << 20),
                FormatEnforcement.DEFAULT);
    }

    @Test
    void gzippedQcow2IsDecompressedThenConvertedAndEveryChangeReported() throws Exception {
        Path raw = dir.resolve("disk.raw");
        Files.write(raw, Samples.randomDisk(2 << 20, 11));
        Path qcow2 = Samples.qemuConvert(dir, raw, "disk.qcow2", "qcow2");
        Path staging = Files.createDirectory(dir.resolve("staging"));
        Path staged = Samples.stage(staging, ID, Samples.gzip(Files.readAllBytes(qcow2)));
        ImportPlugins plugins = chain("""
                [image_import_opts]
                image_import_plugins = ['image_decompression', 'inject_image_metadata', 'image_conversion', 'no_op']
                [inject_metadata_properties]
                inject = hw_machine_type:q35
                """);

        ImageChanges changes = plugins.run(new StagedImage(ID, staged, "qcow2", "bare"), Samples.MEMBER, ImportProgress.NONE);

        assertThat(plugins.names()).containsExactly("image_decompression", "inject_image_metadata",
                "image_conversion", "no_op");
        assertThat(Files.readAllBytes(staged)).isEqualTo(Files.readAllBytes(raw));
        assertThat(changes.diskFormat()).hasValue("raw");
        assertThat(changes.containerFormat()).hasValue("bare");
        assertThat(changes.size()).hasValue(2 << 20);
        assertThat(changes.virtualSize()).hasValue(2 << 20);
        assertThat(changes.extraProperties()).isEqualTo(Map.of("hw_machine_type", "q35"));
        assertThat(changes.dataReplaced()).isTrue();
        assertThat(Samples.listing(staging)).containsExactly(ID);
    }

    @Test
    void conversionBeforeDecompressionRefusesTheArchiveAsUpstreamWould() throws Exception {
        Path staging = Files.createDirectory(dir.resolve("staging"));
        byte[] archive = Samples.gzip(Samples.randomDisk(1 << 20, 12));
        Path staged = Samples.stage(staging, ID, archive);
        ImportPlugins plugins = chain("[image_import_opts]\nimage_import_plugins = [image_conversion, image_decompression]\n");

        assertThatThrownBy(() -> plugins.run(new StagedImage(ID, staged, "qcow2", "bare"), Samples.MEMBER, ImportProgress.NONE))
                .isInstanceOf(ImportPluginFailure.class)
                .hasMessage("Image format mismatch: disk_format is qcow2 but the data is raw")
                .extracting(e -> ((ImportPluginFailure) e).plugin()).isEqualTo("image_conversion");
        assertThat(Files.readAllBytes(staged)).isEqualTo(archive);
    }

    @Test
    void noPluginsChangeNothing() throws Exception {
        ImportPlugins plugins = chain("");

        assertThat(plugins.isEmpty()).isTrue();
        assertThat(plugins.run(new StagedImage(ID, dir.resolve(ID), "raw", "bare"), Samples.MEMBER, ImportProgress.NONE))
                .isEqualTo(ImageChanges.NONE);
    }

    @Test
    void leftoversOfADeadProcessAreRemovedAndNothingElse() throws Exception {
        Path staged = Files.write(dir.resolve(ID), new byte[10]);
        Files.write(StagedFiles.scratch(staged, "converted"), new byte[10]);
        Files.write(StagedFiles.scratch(staged, "decompressed"), new byte[10]);
        Files.write(dir.resolve("another-image"), new byte[10]);
        Files.write(dir.resolve("another-image.converted.part"), new byte[10]);

        assertThat(ImportPlugins.removeLeftovers(staged)).isEqualTo(2);
        assertThat(Samples.listing(dir)).containsExactly("another-image", "another-image.converted.part", ID);
    }

    @Test
    void conversionWithoutQemuImgStopsStartup() {
        ImportPluginsConfig config = ImportPluginsConfig.from(
                ConfigFile.parse("[image_import_opts]\nimage_import_plugins = [image_conversion]\n"), 1 << 30);

        assertThatThrownBy(() -> ImportPlugins.create(config, FormatEnforcement.DEFAULT,
                new QemuImg("/nonexistent/qemu-img")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs qemu-img, prlimit and setpriv");
    }
}
