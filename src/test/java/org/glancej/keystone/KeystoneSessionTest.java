package org.glancej.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.glancej.keystone.KeystoneUnavailableException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service identity's session against the stand-in Keystone: token reuse, renewal, catalog and validation. */
class KeystoneSessionTest {
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private FakeKeystone fake;
    private Keystone keystone;

    static final class MovableClock extends Clock {
        volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws Exception {
        fake = new FakeKeystone();
        fake.now = START;
        fake.service("s-swift", "object-store", "swift");
        fake.endpoint("e1", "s-swift", "RegionOne", "public", "http://swift:8080/v1/AUTH_p-service");
        fake.endpoint("e2", "s-swift", "RegionOne", "internal", "http://swift-internal:8080/v1/AUTH_p-service");
        keystone = Keystone.at(fake.v3(), KeystoneHttpOptions.DEFAULTS.withMaxRetries(0));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private KeystoneSession session(String password) {
        return keystone.session(KeystoneCredentials.projectUser(keystone.v3Root(), "glance", "Default", password,
                "service", "Default"), "[glance_store] swift_store_user", clock);
    }

    @Test
    void theTokenIsFetchedOnceAndReused() {
        KeystoneSession session = session("secret");

        KeystoneToken first = session.token();
        assertThat(session.token()).isSameAs(first);
        assertThat(first.userId()).isEqualTo("u-glance");
        assertThat(first.projectName()).isEqualTo("service");
        assertThat(fake.tokensIssued()).isEqualTo(1);
        assertThat(fake.authRequests.getFirst().path("auth").path("scope").toString()).isEqualTo(
                "{\"project\":{\"name\":\"service\",\"domain\":{\"name\":\"Default\"}}}");
    }

    @Test
    void aNewTokenIsFetchedTwoMinutesBeforeExpiry() {
        KeystoneSession session = session("secret");
        KeystoneToken first = session.token();

        clock.now = START.plus(Duration.ofMinutes(57));
        assertThat(session.token()).isSameAs(first);
        clock.now = START.plus(Duration.ofMinutes(58).plusSeconds(1));
        fake.now = clock.now;
        assertThat(session.token()).isNotSameAs(first);
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aCallerMayAskForATokenValidLonger() {
        KeystoneSession session = session("secret");
        KeystoneToken first = session.token();
        clock.now = START.plus(Duration.ofMinutes(20));

        assertThat(session.token(Duration.ofMinutes(30))).isSameAs(first);
        fake.now = clock.now;
        assertThat(session.token(Duration.ofMinutes(45)).expiresAt()).isEqualTo(clock.now.plus(Duration.ofHours(1)));
    }

    @Test
    void a401GetsOneNewTokenAndOneMoreTry() {
        KeystoneSession session = session("secret");
        session.token();
        fake.revokeTokens();

        assertThat(session.getJson("limits/model")).isPresent();
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void renewingATokenAnotherCallerAlreadyReplacedReusesTheirs() {
        KeystoneSession session = session("secret");
        KeystoneToken stale = session.token();
        KeystoneToken fresh = session.renew(stale);

        assertThat(session.renew(stale)).isSameAs(fresh);
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void endpointsComeFromTheTokensCatalog() {
        KeystoneSession session = session("secret");

        assertThat(session.endpoint("object-store", "internal", "RegionOne"))
                .hasValue("http://swift-internal:8080/v1/AUTH_p-service");
        assertThat(session.endpoint("object-store", "publicURL", null)).hasValue("http://swift:8080/v1/AUTH_p-service");
        assertThat(session.endpoint("object-store", "public", "RegionTwo")).isEmpty();
    }

    @Test
    void wrongCredentialsAreRefusedNamingTheOriginButNotThePassword() {
        assertThatThrownBy(() -> session("wrong-password").token())
                .isInstanceOfSatisfying(KeystoneUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.status()).isEqualTo(401);
                })
                .hasMessageContaining("[glance_store] swift_store_user")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void callersTokensAreValidatedWithTheSessionsToken() {
        fake.tokens.put("user-token", new FakeKeystone.Token("u1", "p1", List.of("member", "reader"),
                Instant.now().plusSeconds(600)));
        KeystoneSession session = session("secret");

        KeystoneToken caller = session.validate("user-token").orElseThrow();
        assertThat(caller.id()).isEqualTo("user-token");
        assertThat(caller.projectId()).isEqualTo("p1");
        assertThat(caller.roles()).containsExactly("member", "reader");
        assertThat(caller.toString()).doesNotContain("user-token");
        assertThat(session.validate("unknown")).isEmpty();
    }

    @Test
    void aCallersCatalogIsReadWithTheCallersToken() {
        fake.tokens.put("user-token", new FakeKeystone.Token("u1", "p1", List.of("member"),
                Instant.now().plusSeconds(600)));

        assertThat(keystone.catalogOf("user-token").url("object-store", "public", "RegionOne"))
                .hasValue("http://swift:8080/v1/AUTH_p-service");
        assertThatThrownBy(() -> keystone.catalogOf("not-a-token"))
                .isInstanceOfSatisfying(KeystoneUnavailableException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aTrustScopedTokenIsAskedForWithTheTrustOnly() {
        KeystoneCredentials trustee = KeystoneCredentials.projectUser(URI.create("http://ks/v3"), "glance", "Default",
                "secret", "service", "Default").withTrust("trust-1");

        assertThat(trustee.authRequest().path("auth").path("scope").toString())
                .isEqualTo("{\"OS-TRUST:trust\":{\"id\":\"trust-1\"}}");
        assertThat(trustee.toString()).contains("trust trust-1").doesNotContain("secret");
    }

    @Test
    void v3RootsAreFoundFromTheUsualAuthUrls() {
        assertThat(Keystone.v3Root("http://k:5000")).hasToString("http://k:5000/v3");
        assertThat(Keystone.v3Root("http://k:5000/v3/")).hasToString("http://k:5000/v3");
        assertThat(Keystone.v3Root("https://k/identity/v2.0")).hasToString("https://k/identity/v3");
        assertThatThrownBy(() -> Keystone.v3Root("ftp://k")).isInstanceOf(IllegalArgumentException.class);
    }
}
