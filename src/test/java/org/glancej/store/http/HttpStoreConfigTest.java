package org.glancej.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.glancej.app.StoreTypes;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.net.UrlFilterOptions;
import org.glancej.store.StoreRegistry;
import org.glancej.store.StoreSection;
import org.glancej.store.StoresConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpStoreConfigTest {
    @TempDir
    Path dir;

    private static StoreSection section(String text) {
        return new StoreSection(ConfigFile.parse(text), "glance_store", "http", null);
    }

    @Test
    void defaultsVerifyCertificatesUnlikeUpstream() {
        HttpStoreConfig config = HttpStoreConfig.from(section(""));

        assertThat(config.httpsInsecure()).isFalse();
        assertThat(config.verifiesCertificates()).isTrue();
        assertThat(config.caCertificatesFile()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(HttpStoreConfig.CONNECT_TIMEOUT);
        assertThat(config.readTimeout()).isEqualTo(HttpStoreConfig.READ_TIMEOUT);
        assertThat(config.filter()).isEqualTo(UrlFilterOptions.defaults());
    }

    @Test
    void readsGlanceStoresNamesAndTheImportFilteringSection() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        HttpStoreConfig config = HttpStoreConfig.from(section("""
                [glance_store]
                https_insecure = true
                https_ca_certificates_file = %s
                [import_filtering_opts]
                allowed_hosts = images.internal
                allowed_ports = 8080
                """.formatted(ca)));

        assertThat(config.httpsInsecure()).isTrue();
        assertThat(config.caCertificatesFile()).contains(ca);
        assertThat(config.verifiesCertificates()).isTrue();
        assertThat(config.filter().allowedHosts()).containsExactly("images.internal");
        assertThat(config.filter().allowedPorts()).containsExactly(8080);
    }

    @Test
    void aMissingCaFileOrAProxyStopsStartup() {
        assertThatThrownBy(() -> HttpStoreConfig.from(section("[glance_store]\nhttps_ca_certificates_file = /nonexistent/ca.pem\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("https_ca_certificates_file");
        assertThatThrownBy(() -> HttpStoreConfig.from(section("[glance_store]\nhttp_proxy_information = http:10.0.0.1:3128\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http_proxy_information");
    }

    @Test
    void aCaFileWithoutCertificatesStopsStartup() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        HttpStoreConfig config = new HttpStoreConfig(false, Optional.of(empty), HttpStoreConfig.CONNECT_TIMEOUT,
                HttpStoreConfig.READ_TIMEOUT, UrlFilterOptions.defaults());
        assertThatThrownBy(() -> new HttpStore(config, org.glancej.net.HostResolver.SYSTEM)).isInstanceOf(ConfigException.class);
    }

    @Test
    void theLegacyDefaultStoresBuildTheHttpStoreReadOnly() {
        ConfigFile conf = ConfigFile.parse("[glance_store]\nfilesystem_store_datadir = " + dir.resolve("images") + "\n");
        try (StoreRegistry registry = StoreRegistry.create(StoresConfig.from(conf, StoreTypes.available().keySet()),
                StoreTypes.available())) {
            assertThat(registry.stores()).extracting(s -> s.type()).containsExactlyInAnyOrder("file", "http");
            assertThat(registry.byId("http").orElseThrow().readOnly()).isTrue();
            assertThat(registry.defaultStore().type()).isEqualTo("file");
            assertThat(registry.forLocation("https://images.example.com/cirros.img", null).orElseThrow().type())
                    .isEqualTo("http");
        }
    }

    @Test
    void anHttpBackendInMultiStoreReadsItsOwnSection() {
        ConfigFile conf = ConfigFile.parse("""
                [DEFAULT]
                enabled_backends = fast:file, web:http
                [glance_store]
                default_backend = fast
                [fast]
                filesystem_store_datadir = %s
                [web]
                https_insecure = true
                """.formatted(dir.resolve("images")));
        StoresConfig stores = StoresConfig.from(conf, StoreTypes.available().keySet());
        StoreSection web = stores.backends().stream().filter(b -> b.id().equals("web")).findFirst().orElseThrow().options();

        assertThat(HttpStoreConfig.from(web).httpsInsecure()).isTrue();
        assertThat(stores.backends()).extracting(StoresConfig.Backend::type).isEqualTo(List.of("file", "http"));
    }
}
