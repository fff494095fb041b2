package org.glancej.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.glancej.keystone.KeystoneUnavailableException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the real Keystone of {@code scripts/keystone.sh} (GLANCE_KEYSTONE_*): the glance service
 * user's session and catalog, validation of a caller's token, a caller's catalog, and a trust from the caller to
 * the service user (what a multi-tenant store uses to outlive the caller's token). Absent, the tests skip, or fail
 * with GLANCE_TEST_REQUIRE_KEYSTONE=1.
 */
class RealKeystoneTest {
    private static Keystone keystone;
    private static String glancePassword;
    private static Map<String, String> demo;

    @BeforeAll
    static void find() throws IOException {
        RealKeystone real = RealKeystone.require();
        keystone = Keystone.at(real.identity, KeystoneHttpOptions.DEFAULTS);
        glancePassword = real.glancePassword;
        demo = real.demo();
    }

    private static KeystoneSession glance(String password) {
        return keystone.session(KeystoneCredentials.projectUser(keystone.v3Root(), "glance", "Default", password,
                "service", "Default"), "[keystone_authtoken]", Clock.systemUTC());
    }

    private static KeystoneCredentials demoCredentials() {
        return KeystoneCredentials.projectUser(keystone.v3Root(), demo.get("OS_USERNAME"),
                demo.get("OS_USER_DOMAIN_NAME"), demo.get("OS_PASSWORD"), demo.get("OS_PROJECT_NAME"),
                demo.get("OS_PROJECT_DOMAIN_NAME"));
    }

    @Test
    void theServiceUsersSessionCarriesTheCatalog() {
        KeystoneToken token = glance(glancePassword).token();

        assertThat(token.projectName()).isEqualTo("service");
        assertThat(token.roles()).contains("admin");
        assertThat(glance(glancePassword).endpoint("image", "public", System.getenv("GLANCE_KEYSTONE_REGION")))
                .hasValue(System.getenv("GLANCE_KEYSTONE_IMAGE_URL"));
        assertThat(glance(glancePassword).endpoint("identity", "publicURL", null)).isPresent();
    }

    @Test
    void aCallersTokenIsValidatedAndItsCatalogRead() {
        KeystoneToken caller = keystone.authenticate(demoCredentials(), "the demo user");

        KeystoneToken validated = glance(glancePassword).validate(caller.id()).orElseThrow();
        assertThat(validated.userId()).isEqualTo(caller.userId());
        assertThat(validated.projectName()).isEqualTo(demo.get("OS_PROJECT_NAME"));
        assertThat(validated.roles()).contains("member");
        assertThat(validated.catalog().endpoints()).as("validated without catalog").isEmpty();
        assertThat(keystone.catalogOf(caller.id()).url("image", "public", null))
                .hasValue(System.getenv("GLANCE_KEYSTONE_IMAGE_URL"));
        assertThat(glance(glancePassword).validate("gAAAAABnot-a-real-token")).isEmpty();
    }

    @Test
    void aTrustLetsTheServiceUserActForTheCallerInTheCallersProject() {
        KeystoneToken caller = keystone.authenticate(demoCredentials(), "the demo user");
        KeystoneSession service = glance(glancePassword);
        String trustId = keystone.createTrust(caller.id(), caller.userId(), service.token().userId(),
                caller.projectId(), caller.roles());
        try {
            KeystoneSession trusted = keystone.session(KeystoneCredentials.projectUser(keystone.v3Root(), "glance",
                    "Default", glancePassword, "service", "Default").withTrust(trustId), "a trust", Clock.systemUTC());

            KeystoneToken token = trusted.token();
            assertThat(token.trustId()).isEqualTo(trustId);
            assertThat(token.projectId()).isEqualTo(caller.projectId());
            assertThat(token.userId()).as("impersonation").isEqualTo(caller.userId());
        } finally {
            keystone.deleteTrust(caller.id(), trustId);
        }
        keystone.deleteTrust(caller.id(), trustId); // already gone: not an error
    }

    @Test
    void wrongCredentialsAreRefused() {
        assertThatThrownBy(() -> glance("not-the-password").token())
                .isInstanceOfSatisfying(KeystoneUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.status()).isEqualTo(401);
                })
                .hasMessageNotContaining("not-the-password");
    }
}
