package org.glancej.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void importConfBesideTheFirstFileIsReadFirstSoThatGlanceApiConfWins() throws Exception {
        Path api = Files.writeString(dir.resolve("glance-api.conf"), "[image_conversion]\noutput_format = qcow2\n");
        Path other = Files.writeString(dir.resolve("extra.conf"), "[DEFAULT]\ndebug = true\n");
        Path imports = Files.writeString(dir.resolve("glance-image-import.conf"),
                "[image_conversion]\noutput_format = vmdk\n[image_import_opts]\nimage_import_plugins = [no_op]\n");

        List<Path> files = ImportConfigFile.withImportConfig(List.of(api, other));

        assertThat(files).containsExactly(imports.toAbsolutePath().normalize(), api, other);
        ConfigFile conf = ConfigFile.load(files);
        assertThat(conf.raw("image_conversion", "output_format")).hasValue("qcow2");
        assertThat(conf.raw("image_import_opts", "image_import_plugins")).hasValue("[no_op]");
    }

    @Test
    void withoutTheFileNothingIsAdded() throws Exception {
        Path api = Files.writeString(dir.resolve("glance-api.conf"), "");

        assertThat(ImportConfigFile.withImportConfig(List.of(api))).containsExactly(api);
        assertThat(ImportConfigFile.withImportConfig(List.of())).isEmpty();
    }

    @Test
    void aFileGivenExplicitlyIsNotReadTwice() throws Exception {
        Path api = Files.writeString(dir.resolve("glance-api.conf"), "");
        Path imports = Files.writeString(dir.resolve("glance-image-import.conf"), "");

        assertThat(ImportConfigFile.withImportConfig(List.of(api, imports))).containsExactly(api, imports);
    }
}
