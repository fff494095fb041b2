package org.glancej.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class ImportMethodsTest {
    private static final Set<String> RUNNABLE = Set.of("glance-direct", "copy-image");

    @Test
    void upstreamDefaultsLessWhatCannotRunHere() {
        assertThat(ImportMethods.from(ConfigFile.empty(), RUNNABLE).enabled())
                .containsExactly("glance-direct", "copy-image");
    }

    @Test
    void bracketedAndQuotedListsAreReadAsOsloConfigReadsThem() {
        ConfigFile conf = ConfigFile.parse("[DEFAULT]\nenabled_import_methods = ['copy-image', 'glance-direct']\n");

        assertThat(ImportMethods.from(conf, RUNNABLE).enabled()).containsExactly("copy-image", "glance-direct");
    }

    @Test
    void unknownMethodStopsStartup() {
        ConfigFile conf = ConfigFile.parse("[DEFAULT]\nenabled_import_methods = glance-direct, scp\n");

        assertThatThrownBy(() -> ImportMethods.from(conf, RUNNABLE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("enabled_import_methods");
    }
}
