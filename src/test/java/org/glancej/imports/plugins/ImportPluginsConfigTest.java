package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class ImportPluginsConfigTest {
    private static ImportPluginsConfig parse(String text) {
        return ImportPluginsConfig.from(ConfigFile.parse(text), 1 << 30);
    }

    @Test
    void defaultsAreUpstreams() {
        ImportPluginsConfig config = parse("");

        assertThat(config.plugins()).isEmpty();
        assertThat(config.outputFormat()).isEqualTo("raw");
        assertThat(config.ignoreUserRoles()).containsExactly("admin");
        assertThat(config.inject()).isEmpty();
        assertThat(config.vmdkAllowedTypes()).containsExactly("streamOptimized", "monolithicSparse");
        assertThat(config.imageSizeCap()).isEqualTo(1 << 30);
    }

    @Test
    void pluginListKeepsItsOrderInEverySpellingUpstreamDocuments() {
        assertThat(parse("[image_import_opts]\nimage_import_plugins = ['image_decompression', 'image_conversion']\n")
                .plugins()).containsExactly("image_decompression", "image_conversion");
        assertThat(parse("[image_import_opts]\nimage_import_plugins = [\"inject_image_metadata\",no_op]\n")
                .plugins()).containsExactly("inject_image_metadata", "no_op");
        assertThat(parse("[image_import_opts]\nimage_import_plugins = [no_op]\n").plugins()).containsExactly("no_op");
        assertThat(parse("[image_import_opts]\nimage_import_plugins = []\n").plugins()).isEmpty();
    }

    @Test
    void unknownPluginIsAStartupErrorNamingIt() {
        assertThatThrownBy(() -> parse("[image_import_opts]\nimage_import_plugins = ['no_op', 'fred_mertz']\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown import plugin fred_mertz")
                .hasMessageContaining("available: image_conversion, image_decompression, inject_image_metadata, no_op");
    }

    @Test
    void unclosedQuoteIsABadValue() {
        assertThatThrownBy(() -> parse("[image_import_opts]\nimage_import_plugins = ['no_op]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[image_import_opts] image_import_plugins");
    }

    @Test
    void outputFormatIsOneOfUpstreamsChoices() {
        assertThat(parse("[image_conversion]\noutput_format = qcow2\n").outputFormat()).isEqualTo("qcow2");
        assertThatThrownBy(() -> parse("[image_conversion]\noutput_format = vhd\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[image_conversion] output_format = vhd: must be one of [qcow2, raw, vmdk]");
    }

    @Test
    void injectIsAnOsloDict() {
        ImportPluginsConfig config = parse("""
                [inject_metadata_properties]
                ignore_user_roles = admin, service
                inject = hw_machine_type:q35 , url:http://example.com:8080/x,os_glance_x:y
                """);

        assertThat(config.ignoreUserRoles()).containsExactly("admin", "service");
        assertThat(config.inject()).isEqualTo(Map.of("hw_machine_type", "q35", "url", "http://example.com:8080/x",
                "os_glance_x", "y"));
    }

    @Test
    void injectPairWithoutColonJoinsTheNextAsOsloConfigDoes() {
        assertThat(OsloValues.dict("a,b:c")).isEqualTo(Map.of("a,b", "c"));
        assertThatThrownBy(() -> OsloValues.dict("a:1,b")).hasMessageContaining("NAME:VALUE");
        assertThatThrownBy(() -> OsloValues.dict("a:1,a:2")).hasMessageContaining("Duplicate key a");
        assertThatThrownBy(() -> parse("[inject_metadata_properties]\ninject = :v\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Key name should not be empty");
    }

    @Test
    void injectedKeyLongerThanAPropertyNameIsRefused() {
        String key = "k".repeat(256);
        assertThatThrownBy(() -> parse("[inject_metadata_properties]\ninject = " + key + ":v\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at most 255 characters");
    }

    @Test
    void emptyVmdkAllowedTypesStaysEmpty() {
        assertThat(parse("[image_format]\nvmdk_allowed_types =\n").vmdkAllowedTypes()).isEqualTo(List.of());
    }
}
