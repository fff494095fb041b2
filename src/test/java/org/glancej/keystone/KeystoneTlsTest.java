package org.glancej.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.glancej.keystone.KeystoneUnavailableException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keystone over https with a private CA: trusted through {@code cafile}, or not checked with {@code insecure}. */
class KeystoneTlsTest {
    @TempDir
    static Path dir;
    private static FakeKeystone fake;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeKeystone.overTls(dir);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static KeystoneSession session(KeystoneHttpOptions options) {
        Keystone keystone = Keystone.at(Keystone.v3Root(fake.url()), options.withMaxRetries(0));
        return keystone.session(KeystoneCredentials.projectUser(keystone.v3Root(), "glance", "Default", "secret",
                "service", "Default"), "[keystone_authtoken]", Clock.systemUTC());
    }

    @Test
    void theCafileIsTrusted() {
        KeystoneHttpOptions options = KeystoneHttpOptions.DEFAULTS
                .withCafile(KeystoneHttpOptions.cafile(fake.caFile().toString(), "[keystone_authtoken] cafile"));

        assertThat(session(options).token().userId()).isEqualTo("u-glance");
    }

    @Test
    void withoutTheCafileTheCertificateIsRefused() {
        assertThatThrownBy(() -> session(KeystoneHttpOptions.DEFAULTS).token())
                .isInstanceOfSatisfying(KeystoneUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("cannot reach Keystone");
    }

    @Test
    void insecureChecksNeitherCertificateNorHostName() {
        assertThat(session(KeystoneHttpOptions.DEFAULTS.withInsecure(true)).token().userId()).isEqualTo("u-glance");
    }
}
