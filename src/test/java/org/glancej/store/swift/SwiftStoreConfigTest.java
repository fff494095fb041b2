package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwiftStoreConfigTest {
    private static final String CREDENTIALS = """
            swift_store_auth_address = http://127.0.0.1:8080/auth/v1.0
            swift_store_user = glance:glance
            swift_store_key = secret-key
            """;

    private static SwiftStoreConfig config(String lines) {
        return SwiftStoreConfig.from(new StoreSection(ConfigFile.parse("[glance_store]\n" + lines), "glance_store",
                "swift", null));
    }

    @Test
    void defaultsAreUpstreams() {
        SwiftStoreConfig config = config(CREDENTIALS);

        assertThat(config.container()).isEqualTo("glance");
        assertThat(config.createContainerOnPut()).isFalse();
        assertThat(config.containersSeed()).isZero();
        // glance_store's "MB" is 1000 KiB: 5120 of them, and chunks of 200
        assertThat(config.largeObjectSize()).isEqualTo(5120L * 1024000);
        assertThat(config.chunkSize()).isEqualTo(200L * 1024000);
        assertThat(config.retryGetCount()).isZero();
        assertThat(config.configFile()).isFalse();
        assertThat(config.defaultReference()).isEqualTo("ref1");
        assertThat(config.defaultAccount().authVersion()).isEqualTo("3");
        assertThat(config.defaultAccount().user()).isEqualTo("glance:glance");
        assertThat(config.toString()).doesNotContain("secret-key");
    }

    @Test
    void optionsAreRead() {
        SwiftStoreConfig config = config(CREDENTIALS + """
                swift_store_auth_version = 1
                swift_store_container = images
                swift_store_create_container_on_put = true
                swift_store_multiple_containers_seed = 3
                swift_store_large_object_size = 10
                swift_store_large_object_chunk_size = 2
                swift_store_endpoint = http://swift.example:8080/v1/AUTH_glance/
                swift_store_retry_get_count = 4
                """);

        assertThat(config.defaultAccount().authVersion()).isEqualTo("1");
        assertThat(config.createContainerOnPut()).isTrue();
        assertThat(config.largeObjectSize()).isEqualTo(10 * 1024000L);
        assertThat(config.chunkSize()).isEqualTo(2 * 1024000L);
        assertThat(config.endpoint()).isEqualTo("http://swift.example:8080/v1/AUTH_glance");
        assertThat(config.retryGetCount()).isEqualTo(4);
        // as upstream: dashes among the first characters do not count
        assertThat(config.containerFor("AB-Cdef")).isEqualTo("images_ab-c");
        assertThat(config.containerFor("abcdef")).isEqualTo("images_abc");
    }

    @Test
    void referencesComeFromTheConfigFile(@TempDir Path dir) throws Exception {
        Path accounts = dir.resolve("glance-swift.conf");
        Files.writeString(accounts, """
                [ref1]
                auth_address = http://127.0.0.1:8080/auth/v1.0
                user = glance:glance
                key = "quoted key"
                auth_version = 1
                [store2]
                auth_address = https://keystone.example/v3
                user = service:glance
                key = k2
                [broken]
                user = x
                """);

        SwiftStoreConfig config = config("swift_store_config_file = " + accounts + "\ndefault_swift_reference = ref1\n");

        assertThat(config.configFile()).isTrue();
        assertThat(config.references()).containsOnlyKeys("ref1", "store2");
        assertThat(config.defaultAccount().key()).isEqualTo("quoted key");
        assertThat(config.references().get("store2").authVersion()).isEqualTo("3");
    }

    @Test
    void missingCredentialsNameTheOptionsNotTheirValues() {
        assertThatThrownBy(() -> config("swift_store_user = glance:glance\nswift_store_key = secret-key\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("swift_store_auth_address")
                .hasMessageNotContaining("secret-key");
    }

    @Test
    void multiTenantNeedsNoAccountOfItsOwnButRefusesAConfigFile() {
        SwiftStoreConfig config = config("swift_store_multi_tenant = true\n");
        assertThat(config.defaultAccount()).isNull();
        assertThat(config(CREDENTIALS + "swift_store_multi_tenant = true\n").defaultAccount().user())
                .isEqualTo("glance:glance");
        assertThatThrownBy(() -> config("swift_store_multi_tenant = true\nswift_store_config_file = swift.conf\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> config(CREDENTIALS + "swift_store_multiple_containers_seed = 33\n"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> config(CREDENTIALS + "swift_store_auth_version = 2\n"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> config(CREDENTIALS + "swift_store_large_object_size = 0\n"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void bufferingOnUploadNeedsADirectoryFilesCanBeCreatedIn(@TempDir Path dir) throws Exception {
        assertThat(config(CREDENTIALS).segmentBuffer()).isEmpty();
        assertThat(config(CREDENTIALS + "swift_upload_buffer_dir = " + dir + "\n").segmentBuffer()).isEmpty();
        assertThat(config(CREDENTIALS + "swift_buffer_on_upload = true\nswift_upload_buffer_dir = " + dir + "\n")
                .segmentBuffer()).isPresent();
        assertThat(dir).isEmptyDirectory(); // the startup check leaves nothing behind

        assertThatThrownBy(() -> config(CREDENTIALS + "swift_buffer_on_upload = true\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[glance_store] swift_upload_buffer_dir is not set");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> config(CREDENTIALS + "swift_buffer_on_upload = true\nswift_upload_buffer_dir = "
                + missing + "\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("swift_upload_buffer_dir").hasMessageContaining(missing.toString());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> config(CREDENTIALS + "swift_buffer_on_upload = true\nswift_upload_buffer_dir = "
                + file + "\n")).isInstanceOf(ConfigException.class).hasMessageContaining("swift_upload_buffer_dir");
    }
}
