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

        assertThat(config.service().identityUrl()).hasToString("http://controller:5000/v3");
        assertThat(config.http().maxRetries()).isEqualTo(3);
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.http().cafile()).isNull();
        assertThat(config.http().insecure()).isFalse();
        assertThat(config.wwwAuthenticateUri()).isEqualTo("http://controller:5000");
        assertThat(config.tokenCacheTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.toString()).doesNotContain("GLANCE_PASS");
    }

    @Test
    void transportOptionsAreKeystonemiddlewares() {
        KeystoneConfig config = KeystoneConfig.from(ConfigFile.parse("""
                [keystone_authtoken]
                auth_url = https://controller:5000/v3
                project_name = service
                username = glance
                password = p
                insecure = true
                http_connect_timeout = 4
                http_request_max_retries = 1
                """));

        assertThat(config.http().insecure()).isTrue();
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.http().maxRetries()).isEqualTo(1);
    }

    @Test
    void aCafileWithoutCertificatesStopsStartupNamingIt() {
        assertThatThrownBy(() -> KeystoneConfig.from(ConfigFile.parse(
                "[keystone_authtoken]\nauth_url = http://k:5000\nusername = g\nproject_name = s\ncafile = /etc/hostname\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[keystone_authtoken] cafile = /etc/hostname");
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

    @Test
    void insecureIsWarnedAboutAtStartup() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(KeystoneConfig.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        logger.addAppender(events);
        String section = """
                [keystone_authtoken]
                auth_url = https://controller:5000/v3
                project_name = service
                username = glance
                password = p
                """;
        try {
            KeystoneConfig.from(ConfigFile.parse(section));
            assertThat(events.list).isEmpty();

            KeystoneConfig.from(ConfigFile.parse(section + "insecure = true\n"));
            assertThat(events.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(e.getFormattedMessage()).startsWith("[keystone_authtoken] insecure = true: Keystone's "
                        + "certificate and host name are not checked");
            });
        } finally {
            logger.detachAppender(events);
        }
    }
}
