package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoneHttpTest {

    private static OsloLimitConfig withCafile(Path cafile) {
        return OsloLimitConfig.from(ConfigFile.parse("""
                [oslo_limit]
                auth_type = v3password
                auth_url = https://keystone.example:5000/v3
                user_id = u
                password = p
                endpoint_id = e
                cafile = %s
                """.formatted(cafile)));
    }

    @Test
    void cafileBundleBecomesTheTrustedAuthorities() {
        Path bundle = Path.of("/etc/ssl/certs/ca-certificates.crt");
        assumeTrue(Files.isReadable(bundle), "no system CA bundle to read");

        assertThat(KeystoneHttp.client(withCafile(bundle)).sslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void cafileWithoutCertificatesStopsStartup(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> KeystoneHttp.client(withCafile(notPem)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_limit] cafile = " + notPem);
    }
}
