package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.glancej.app.StoreTypes;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3StoreConfigTest {
    private static final String REQUIRED = "s3_store_host = rgw.example:7480\ns3_store_access_key = AK\n"
            + "s3_store_secret_key = SECRETVALUE\ns3_store_bucket = images\n";

    /** A valid configuration for logic tests that never reach a server. */
    static S3StoreConfig config() {
        return S3StoreConfig.from(section(REQUIRED));
    }

    private static StoreSection section(String body) {
        return new StoreSection(ConfigFile.parse("[glance_store]\n" + body), "glance_store", "s3", null);
    }

    @Test
    void defaultsAreGlanceStores() {
        S3StoreConfig config = S3StoreConfig.from(section(REQUIRED));

        assertThat(config.endpoint()).isEqualTo(URI.create("http://rgw.example:7480"));
        assertThat(config.locationHost()).isEqualTo("rgw.example:7480");
        assertThat(config.scheme()).isEqualTo("s3");
        assertThat(config.largeObjectSize()).isEqualTo(100L << 20);
        assertThat(config.chunkSize()).isEqualTo(10L << 20);
        assertThat(config.threadPools()).isEqualTo(10);
        assertThat(config.createBucketOnPut()).isFalse();
        assertThat(config.bucketUrlFormat()).isEqualTo("auto");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.locationConstraint()).isEmpty();
        assertThat(config.caBundle()).isEmpty();
    }

    @Test
    void optionsAreReadByUpstreamsNames() {
        S3StoreConfig config = S3StoreConfig.from(section(REQUIRED.replace("rgw.example:7480", "https://rgw.example/")
                + "s3_store_large_object_size = 200\ns3_store_large_object_chunk_size = 16\ns3_store_thread_pools = 4\n"
                + "s3_store_create_bucket_on_put = true\ns3_store_bucket_url_format = path\n"
                + "s3_store_region_name = zone-a\n"));

        assertThat(config.endpoint()).isEqualTo(URI.create("https://rgw.example"));
        assertThat(config.locationHost()).isEqualTo("rgw.example");
        assertThat(config.scheme()).isEqualTo("s3+https");
        assertThat(config.largeObjectSize()).isEqualTo(200L << 20);
        assertThat(config.chunkSize()).isEqualTo(16L << 20);
        assertThat(config.threadPools()).isEqualTo(4);
        assertThat(config.createBucketOnPut()).isTrue();
        assertThat(config.bucketUrlFormat()).isEqualTo("path");
        assertThat(config.region()).isEqualTo("zone-a");
        assertThat(config.locationConstraint()).isEqualTo("zone-a");
    }

    @Test
    void anAwsHostGivesItsRegionAsUpstreamDerivesIt() {
        S3StoreConfig config = S3StoreConfig.from(section(REQUIRED.replace("rgw.example:7480",
                "https://s3-eu-west-1.amazonaws.com")));
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.locationConstraint()).isEqualTo("eu-west-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3_store_host", "s3_store_access_key", "s3_store_secret_key", "s3_store_bucket"})
    void aMissingRequiredOptionIsNamed(String option) {
        String body = REQUIRED.lines().filter(l -> !l.startsWith(option + " ")).reduce("", (a, l) -> a + l + "\n");
        assertThatThrownBy(() -> S3StoreConfig.from(section(body)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(option).hasMessageNotContaining("SECRETVALUE");
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> S3StoreConfig.from(section(REQUIRED + "s3_store_large_object_chunk_size = 4\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_store_large_object_chunk_size");
        assertThatThrownBy(() -> S3StoreConfig.from(section(REQUIRED + "s3_store_thread_pools = 0\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_store_thread_pools");
        assertThatThrownBy(() -> S3StoreConfig.from(section(REQUIRED + "s3_store_bucket_url_format = dns\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_store_bucket_url_format");
        assertThatThrownBy(() -> S3StoreConfig.from(section(REQUIRED.replace("rgw.example:7480", "http://[bad"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_store_host");
        assertThatThrownBy(() -> new S3StoreFactory().create(section(REQUIRED + "s3_store_cacert = /nonexistent.pem\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_store_cacert");
    }

    @Test
    void itsTextShowsNoKeys() {
        String text = S3StoreConfig.from(section(REQUIRED)).toString();
        assertThat(text).doesNotContain("SECRETVALUE").doesNotContain("AK,").contains("images");
    }

    @Test
    void storeDetailShowsUpstreamsPropertiesAndNoKeys() {
        try (S3Store store = S3StoreFactory.create(S3StoreConfig.from(section(REQUIRED)))) {
            assertThat(store.properties()).isEqualTo(Map.of("s3_store_large_object_size", 100L << 20,
                    "s3_store_large_object_chunk_size", 10L << 20, "s3_store_thread_pools", 10));
            assertThat(store.type()).isEqualTo("s3");
            assertThat(store.capabilities().usesExpectedSize()).isTrue();
        }
    }

    @Test
    void theServiceBuildsS3Stores() {
        assertThat(StoreTypes.available()).containsKey("s3");
        assertThat(StoreTypes.available().get("s3").create(section(REQUIRED))).isInstanceOf(S3Store.class);
    }
}
