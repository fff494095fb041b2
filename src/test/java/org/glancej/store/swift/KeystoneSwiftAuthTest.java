package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.FakeKeystone;
import org.glancej.keystone.KeystoneHttpOptions;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auth version 3: the Swift store's token and storage URL come from Keystone (the service's one client, against
 * the shared stand-in Keystone), as upstream's single-tenant store gets them.
 */
class KeystoneSwiftAuthTest {
    private FakeKeystone keystone;

    @BeforeEach
    void start() throws Exception {
        keystone = new FakeKeystone();
        keystone.users.put("glance-swift", "swift-secret");
        keystone.service("s1", "object-store", "swift");
        keystone.endpoint("e1", "s1", "RegionOne", "public", "http://swift-one.example:8080/v1/AUTH_p/");
        keystone.endpoint("e2", "s1", "RegionOne", "internal", "http://swift-internal.example:8080/v1/AUTH_p");
        keystone.endpoint("e3", "s1", "RegionTwo", "public", "http://swift-two.example:8080/v1/AUTH_p");
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    private SwiftStoreConfig config(String key, String extra) {
        return SwiftStoreConfig.from(new StoreSection(ConfigFile.parse("""
                [glance_store]
                swift_store_auth_address = %s
                swift_store_user = service:glance-swift
                swift_store_key = %s
                swift_store_auth_version = 3
                """.formatted(keystone.url(), key) + extra), "glance_store", "swift", null));
    }

    private SwiftAuth auth(SwiftStoreConfig config) {
        return SwiftStoreFactory.accounts(config, HttpClient.newHttpClient(), KeystoneHttpOptions.DEFAULTS
                .withMaxRetries(0)).apply(config.defaultAccount()).auth();
    }

    @Test
    void theTokenIsTheProjectUsersAndTheStorageUrlComesFromTheCatalog() {
        SwiftAuth.Session session = auth(config("swift-secret", "")).session(false);

        assertThat(session.token()).startsWith("gAAAAAB-token-");
        // publicURL, as upstream's default endpoint type spells it, is the public interface
        assertThat(session.storageUrl()).isEqualTo("http://swift-one.example:8080/v1/AUTH_p");
        var auth = keystone.authRequests.getLast().path("auth");
        assertThat(auth.path("identity").path("password").path("user").path("name").asText()).isEqualTo("glance-swift");
        assertThat(auth.path("identity").path("password").path("user").path("domain").path("id").asText())
                .isEqualTo("default");
        assertThat(auth.path("scope").path("project").path("name").asText()).isEqualTo("service");
    }

    @Test
    void endpointTypeRegionAndAConfiguredEndpointChooseTheStorageUrl() {
        assertThat(auth(config("swift-secret", "swift_store_endpoint_type = internalURL\n")).session(false).storageUrl())
                .isEqualTo("http://swift-internal.example:8080/v1/AUTH_p");
        assertThat(auth(config("swift-secret", "swift_store_region = RegionTwo\n")).session(false).storageUrl())
                .isEqualTo("http://swift-two.example:8080/v1/AUTH_p");
        assertThat(auth(config("swift-secret", "swift_store_endpoint = http://direct.example/v1/AUTH_x\n"))
                .session(false).storageUrl()).isEqualTo("http://direct.example/v1/AUTH_x");
        assertThatThrownBy(() -> auth(config("swift-secret", "swift_store_region = Nowhere\n")).session(false))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("object-store").contains("Nowhere");
                });
    }

    @Test
    void aTokenSwiftRefusedIsReplaced() {
        SwiftAuth auth = auth(config("swift-secret", ""));
        String first = auth.session(false).token();

        assertThat(auth.session(false).token()).isEqualTo(first);
        assertThat(auth.session(true).token()).isNotEqualTo(first);
    }

    @Test
    void refusedCredentialsOrAKeystoneDownAtStartupMakeTheStoreUnavailableUntilKeystoneAnswers() {
        SwiftStore refused = SwiftStoreFactory.create("swift", config("wrong", ""), HttpClient.newHttpClient(),
                KeystoneHttpOptions.DEFAULTS.withMaxRetries(0));
        assertThat(refused.capabilities().writable()).isTrue();
        assertThat(refused.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("refused")
                .doesNotContain("wrong"));

        keystone.failureStatus = 503;
        keystone.failures.set(1);
        SwiftStore unreachable = SwiftStoreFactory.create("swift", config("swift-secret", ""),
                HttpClient.newHttpClient(), KeystoneHttpOptions.DEFAULTS.withMaxRetries(0));
        assertThat(unreachable.capabilities().writable()).isTrue();
        assertThat(unreachable.unavailable()).isPresent();
    }

    @Test
    void credentialsNeverAppearInMessages() {
        assertThatThrownBy(() -> auth(config("wrong-secret", "")).session(false))
                .isInstanceOf(SwiftAuth.CredentialsRejected.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void keystoneOverTlsIsTrustedThroughTheCaBundleOrInsecure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (FakeKeystone tls = FakeKeystone.overTls(dir)) {
            tls.users.put("glance-swift", "swift-secret");
            tls.service("s1", "object-store", "swift");
            tls.endpoint("e1", "s1", "RegionOne", "public", "http://swift-one.example:8080/v1/AUTH_p");
            java.util.function.Function<String, SwiftStore> store = extra -> (SwiftStore) new SwiftStoreFactory()
                    .create(new StoreSection(ConfigFile.parse("""
                            [glance_store]
                            swift_store_auth_address = %s
                            swift_store_user = service:glance-swift
                            swift_store_key = swift-secret
                            swift_store_auth_version = 3
                            """.formatted(tls.url()) + extra), "glance_store", "swift", null));

            assertThat(store.apply("swift_store_cacert = " + tls.caFile() + "\n").unavailable()).isEmpty();
            assertThat(store.apply("swift_store_auth_insecure = true\n").unavailable()).isEmpty();
            assertThat(store.apply("").unavailable()).isPresent();
        }
    }
}
