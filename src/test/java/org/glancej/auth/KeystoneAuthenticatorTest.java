package org.glancej.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glancej.keystone.FakeKeystone;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.KeystoneUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoneAuthenticatorTest {
    private FakeKeystone keystone;

    @BeforeEach
    void start() throws Exception {
        keystone = new FakeKeystone();
        keystone.tokens.put("user-token", new FakeKeystone.Token("u1", "p1", List.of("member", "reader"),
                Instant.now().plusSeconds(600)));
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    private KeystoneAuthenticator authenticator(String extra) {
        ConfigFile conf = ConfigFile.parse("[keystone_authtoken]\nwww_authenticate_uri = http://keystone.example:5000\n"
                + "auth_url = " + keystone.url() + "\nauth_type = password\nproject_domain_name = Default\n"
                + "user_domain_name = Default\nproject_name = service\nusername = glance\npassword = secret\n"
                + "http_request_max_retries = 0\n" + extra);
        return new KeystoneAuthenticator(KeystoneConfig.from(conf), t -> t.roles().contains("admin"),
                java.time.Clock.systemUTC());
    }

    @Test
    void aValidTokenBecomesTheCallersContext() {
        RequestContext ctx = authenticator("").authenticate(Optional.of("user-token"));

        assertThat(ctx.userId()).isEqualTo("u1");
        assertThat(ctx.projectId()).isEqualTo("p1");
        assertThat(ctx.roles()).containsExactly("member", "reader");
        assertThat(ctx.isAdmin()).isFalse();
        assertThat(ctx.authToken()).isEqualTo("user-token");
    }

    @Test
    void theCallersServiceCatalogIsKeptUnlessIncludeServiceCatalogIsOff() {
        keystone.service("s-swift", "object-store", "swift");
        keystone.endpoint("e-swift", "s-swift", "RegionOne", "public", "http://swift.example:8080/v1/AUTH_p1");

        RequestContext ctx = authenticator("").authenticate(Optional.of("user-token"));
        RequestContext without = authenticator("include_service_catalog = false\n")
                .authenticate(Optional.of("user-token"));

        assertThat(ctx.serviceCatalog().url("object-store", "publicURL", null))
                .hasValue("http://swift.example:8080/v1/AUTH_p1");
        assertThat(ctx.storeCaller().catalog()).isEqualTo(ctx.serviceCatalog());
        assertThat(ctx.storeCaller().authToken()).isEqualTo("user-token");
        assertThat(without.serviceCatalog().endpoints()).isEmpty();
        assertThat(keystone.requests).filteredOn(r -> r.startsWith("GET /auth/tokens")).hasSize(2)
                .anyMatch(r -> r.equals("GET /auth/tokens")).anyMatch(r -> r.contains("nocatalog"));
    }

    @Test
    void missingMalformedAndUnknownTokensAreUnauthorizedWithTheKeystoneUri() {
        KeystoneAuthenticator auth = authenticator("");
        for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("bad token"),
                Optional.of("x".repeat(9000)), Optional.of("unknown"))) {
            assertThatThrownBy(() -> auth.authenticate(token))
                    .isInstanceOfSatisfying(GlanceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
                        assertThat(e.headers()).containsEntry("WWW-Authenticate",
                                "Keystone uri=\"http://keystone.example:5000\"");
                    });
        }
    }

    @Test
    void validationsAreCachedAndRefusalsToo() {
        KeystoneAuthenticator auth = authenticator("");
        auth.authenticate(Optional.of("user-token"));
        auth.authenticate(Optional.of("user-token"));
        assertThatThrownBy(() -> auth.authenticate(Optional.of("unknown"))).isInstanceOf(GlanceException.class);
        assertThatThrownBy(() -> auth.authenticate(Optional.of("unknown"))).isInstanceOf(GlanceException.class);

        assertThat(keystone.validations.get()).isEqualTo(2);
        assertThat(keystone.tokensIssued()).isEqualTo(1);
    }

    @Test
    void withCachingOffEveryRequestIsValidatedSoRevocationIsSeenAtOnce() {
        KeystoneAuthenticator auth = authenticator("token_cache_time = -1\n");
        auth.authenticate(Optional.of("user-token"));
        keystone.tokens.remove("user-token");

        assertThatThrownBy(() -> auth.authenticate(Optional.of("user-token"))).isInstanceOf(GlanceException.class);
        assertThat(keystone.validations.get()).isEqualTo(2);
    }

    @Test
    void aRefusedServiceTokenIsReplacedOnce() {
        KeystoneAuthenticator auth = authenticator("token_cache_time = 0\n");
        auth.authenticate(Optional.of("user-token"));
        keystone.revokeTokens();

        assertThat(auth.authenticate(Optional.of("user-token")).userId()).isEqualTo("u1");
        assertThat(keystone.tokensIssued()).isEqualTo(2);
    }

    @Test
    void anExpiredTokenIsRefusedEvenFromTheCache() {
        keystone.tokens.put("short", new FakeKeystone.Token("u2", "p2", List.of("member"),
                Instant.now().minusSeconds(1)));
        assertThatThrownBy(() -> authenticator("").authenticate(Optional.of("short")))
                .isInstanceOf(GlanceException.class);
    }

    @Test
    void keystoneDownIsUnavailableNotUnauthorizedAndNothingIsCached() throws Exception {
        KeystoneAuthenticator auth = authenticator("");
        keystone.close();

        assertThatThrownBy(() -> auth.authenticate(Optional.of("user-token")))
                .isInstanceOf(KeystoneUnavailableException.class);
    }

    @Test
    void wrongServiceCredentialsAreUnavailableToo() {
        ConfigFile conf = ConfigFile.parse("[keystone_authtoken]\nauth_url = " + keystone.url() + "/v3\n"
                + "project_name = service\nusername = glance\npassword = wrong\nhttp_request_max_retries = 0\n");
        KeystoneAuthenticator auth = new KeystoneAuthenticator(KeystoneConfig.from(conf), t -> false,
                java.time.Clock.systemUTC());

        assertThatThrownBy(() -> auth.authenticate(Optional.of("user-token")))
                .isInstanceOf(KeystoneUnavailableException.class)
                .hasMessageContaining("[keystone_authtoken]");
    }

    @Test
    void aKeystoneWithAPrivateCaIsTrustedThroughTheSectionsCafile(@TempDir Path dir) throws Exception {
        try (FakeKeystone tls = FakeKeystone.overTls(dir)) {
            tls.tokens.put("user-token", new FakeKeystone.Token("u1", "p1", List.of("member"),
                    Instant.now().plusSeconds(600)));
            String section = "[keystone_authtoken]\nauth_url = " + tls.url() + "\nproject_name = service\n"
                    + "username = glance\npassword = secret\nhttp_request_max_retries = 0\n";
            KeystoneAuthenticator trusting = new KeystoneAuthenticator(KeystoneConfig.from(ConfigFile.parse(
                    section + "cafile = " + tls.caFile() + "\n")), t -> false, java.time.Clock.systemUTC());
            KeystoneAuthenticator notTrusting = new KeystoneAuthenticator(KeystoneConfig.from(ConfigFile.parse(
                    section)), t -> false, java.time.Clock.systemUTC());

            assertThat(trusting.authenticate(Optional.of("user-token")).userId()).isEqualTo("u1");
            assertThatThrownBy(() -> notTrusting.authenticate(Optional.of("user-token")))
                    .isInstanceOf(KeystoneUnavailableException.class);
        }
    }
}
