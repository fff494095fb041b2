package org.glancej.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlanceApplicationTest {

    @Test
    void portInUseStopsStartupWithAMessageNamingTheOptions(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConfigFile conf = ConfigFile.parse("""
                    [DEFAULT]
                    bind_port = %d
                    [database]
                    connection = sqlite:///%s/glance.sqlite
                    [glance_store]
                    filesystem_store_datadir = %s/images
                    """.formatted(taken.getLocalPort(), dir, dir));

            assertThatThrownBy(() -> GlanceApplication.start(conf))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("bind_port");
        }
    }

    @Test
    void badQuotaSettingsStopStartup() {
        assertThatThrownBy(() -> GlanceApplication.start(ConfigFile.parse("[DEFAULT]\nuser_storage_quota = 5 GB\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user_storage_quota");
        assertThatThrownBy(() -> GlanceApplication.start(ConfigFile.parse("[DEFAULT]\nuse_keystone_limits = true\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_limit]");
    }

    @Test
    void aMissingOrInvalidPropertyProtectionFileStopsStartup(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.conf");
        assertThatThrownBy(() -> GlanceApplication.start(ConfigFile.parse(
                "[DEFAULT]\nproperty_protection_file = " + missing + "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("property_protection_file");

        Path invalid = Files.writeString(dir.resolve("protections.conf"), "[x_(]\ncreate = @\nread = @\n");
        assertThatThrownBy(() -> GlanceApplication.start(ConfigFile.parse(
                "[DEFAULT]\nproperty_protection_file = " + invalid + "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("x_(");
    }

    @Test
    void keystoneFlavorIsRefusedClearlyUntilAuthenticationExists(@TempDir Path dir) {
        ConfigFile conf = ConfigFile.parse("[paste_deploy]\nflavor = keystone\n");

        assertThatThrownBy(() -> GlanceApplication.start(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[paste_deploy] flavor = keystone");
    }
}
