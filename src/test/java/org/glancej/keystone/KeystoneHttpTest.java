package org.glancej.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.keystone.KeystoneUnavailableException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one HTTP setup: CA files checked at startup, and the retry rule against a Keystone that fails. */
class KeystoneHttpTest {
    private FakeKeystone keystone;

    @BeforeEach
    void start() throws Exception {
        keystone = new FakeKeystone();
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    private Keystone keystone(int retries) {
        return Keystone.at(keystone.v3(), KeystoneHttpOptions.DEFAULTS.withMaxRetries(retries));
    }

    @Test
    void aCafileBundleBecomesTheTrustedAuthorities() {
        Path bundle = Path.of("/etc/ssl/certs/ca-certificates.crt");
        assumeTrue(Files.isReadable(bundle), "no system CA bundle to read");

        Path cafile = KeystoneHttpOptions.cafile(bundle.toString(), "[oslo_limit] cafile");
        assertThat(KeystoneHttp.create(KeystoneHttpOptions.DEFAULTS.withCafile(cafile)).sslContext().getProtocol())
                .isEqualTo("TLS");
    }

    @Test
    void aCafileWithoutCertificatesOrMissingStopsStartupNamingTheOption(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> KeystoneHttpOptions.cafile(notPem.toString(), "[oslo_limit] cafile"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_limit] cafile = " + notPem);
        assertThatThrownBy(() -> KeystoneHttpOptions.cafile("/nonexistent/ca.pem", "[keystone_authtoken] cafile"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[keystone_authtoken] cafile = /nonexistent/ca.pem: not a readable file");
        assertThat(KeystoneHttpOptions.cafile(" ", "x")).isNull();
    }

    @Test
    void fiveHundredsAreRetriedUpToTheLimit() {
        keystone.failures.set(2);

        assertThat(keystone(2).send("GET", "limits/model", null, Map.of(), null).status()).isEqualTo(401);
        assertThat(keystone.requests).hasSize(3);
    }

    @Test
    void fiveHundredsBeyondTheLimitAreUnreachableWithKeystonesMessage() {
        keystone.failures.set(2);

        assertThatThrownBy(() -> keystone(1).send("GET", "limits/model", null, Map.of(), null))
                .isInstanceOfSatisfying(KeystoneUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.status()).isEqualTo(503);
                })
                .hasMessageContaining("HTTP 503: Keystone is unwell.");
        assertThat(keystone.requests).hasSize(2);
    }

    @Test
    void droppedConnectionsAreRetriedToo() {
        keystone.failureStatus = 0;
        keystone.failures.set(1);

        assertThat(keystone(1).send("GET", "limits/model", null, Map.of(), null).status()).isEqualTo(401);
    }

    @Test
    void fourHundredsAreAnswersNotFailures() {
        assertThat(keystone(3).send("GET", "limits/model", "not-a-token", Map.of(), null).status()).isEqualTo(401);
        assertThat(keystone.requests).hasSize(1);
    }
}
