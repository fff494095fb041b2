package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class ImportSourceConfigTest {
    @Test
    void defaultsAreUpstreams() {
        ImportSourceConfig config = ImportSourceConfig.from(ConfigFile.empty());

        assertThat(config.extraProperties()).containsExactly("hw_", "trait:", "os_distro", "os_secure_boot", "os_type");
        assertThat(config.imageSizeCap()).isEqualTo(1L << 40);
        assertThat(config.filter().allowedSchemes()).containsExactly("http", "https");
        assertThat(config.filter().allowedPorts()).containsExactly(80, 443);
        assertThat(config.filter().allowedHosts()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(ImportSourceConfig.CONNECT_TIMEOUT);
        assertThat(config.readTimeout()).isEqualTo(ImportSourceConfig.READ_TIMEOUT);
    }

    @Test
    void readsUpstreamsOptionsWithTheirQuoting() {
        ImportSourceConfig config = ImportSourceConfig.from(ConfigFile.parse("""
                [DEFAULT]
                image_size_cap = 1048576
                [glance_download_properties]
                extra_properties = 'hw_', "os_", architecture
                [import_filtering_opts]
                allowed_hosts = mirror.example, 10.0.0.5
                allowed_ports = 8080
                """));

        assertThat(config.imageSizeCap()).isEqualTo(1048576);
        assertThat(config.extraProperties()).isEqualTo(List.of("hw_", "os_", "architecture"));
        assertThat(config.filter().allowedHosts()).isEqualTo(Set.of("mirror.example", "10.0.0.5"));
        assertThat(config.filter().allowedPorts()).containsExactly(8080);
    }

    @Test
    void readsOurTimeouts() {
        ImportSourceConfig config = ImportSourceConfig.from(ConfigFile.parse("""
                [import_source]
                connect_timeout = 3
                read_timeout = 7
                """));

        assertThat(config.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(config.readTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void withoutKeystoneNoRegionHasAnEndpoint() {
        ImportSources sources = ImportSources.from(ConfigFile.empty(), GlanceEndpoints.NONE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sources.describeGlanceImage("t", "RegionTwo", "public",
                        "6a4f1b0e-3c3e-4bb1-9d5c-2f0f1e7d8a11"))
                .isInstanceOf(ImportSourceException.class)
                .hasMessage("public glance endpoint not found for region RegionTwo");
    }
}
