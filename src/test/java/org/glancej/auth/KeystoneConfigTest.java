package org.glancej.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class KeystoneConfigTest {

    @Test
    void theInstallGuidesSectionLoads() {
        KeystoneConfig config = KeystoneConfig.from(ConfigFile.parse("""
                [keystone_authtoken]
                www_authenticate_uri = http://controller:5000
                auth_url = http://controller:5000
                memcached_servers = controller:11211
                auth_type = password
                project_domain_name = Default
                user_domain_name = Default
                project_name = service
                username = glance
                password = GLANCE_PASS
                """));

        assertThat(config.identityUri()).hasToString("http://controller:5000/v3/");
        assertThat(config.wwwAuthenticateUri()).isEqualTo("http://controller:5000");
        assertThat(config.tokenCacheTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.toString()).doesNotContain("GLANCE_PASS");
    }

    @Test
    void versionedAuthUrlsAreAccepted() {
        assertThat(KeystoneConfig.v3Root("http://k:5000/v3/")).hasToString("http://k:5000/v3/");
        assertThat(KeystoneConfig.v3Root("https://k/identity/v2.0")).hasToString("https://k/identity/v3/");
    }

    @Test
    void missingOrUnsupportedSettingsStopStartupNamingTheOption() {
        assertThatThrownBy(() -> KeystoneConfig.from(ConfigFile.parse("[keystone_authtoken]\nusername = g\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth_url");
        assertThatThrownBy(() -> KeystoneConfig.from(ConfigFile.parse(
                "[keystone_authtoken]\nauth_type = v3token\nauth_url = http://k:5000\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth_type");
        assertThatThrownBy(() -> KeystoneConfig.from(ConfigFile.parse(
                "[keystone_authtoken]\nauth_url = ftp://k\nusername = g\nproject_name = s\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth_url");
    }
}
