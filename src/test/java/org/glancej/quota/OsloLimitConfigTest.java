package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.glancej.keystone.KeystoneCredentials;

class OsloLimitConfigTest {
    private static final String BASE = """
            [oslo_limit]
            auth_type = password
            auth_url = http://controller:5000
            username = glance
            user_domain_name = Default
            password = s3cret
            """;

    private static OsloLimitConfig parse(String extra) {
        return OsloLimitConfig.from(ConfigFile.parse(BASE + extra));
    }

    @Test
    void upstreamsQuotaGuideSettingsAreRead() {
        OsloLimitConfig config = parse("""
                system_scope = all
                endpoint_id = 9b67aed49e0d4c2fb46ca9476a3b9243
                """);

        KeystoneCredentials credentials = config.credentials();
        assertThat(credentials.identityUrl()).isEqualTo(URI.create("http://controller:5000/v3"));
        assertThat(credentials.username()).isEqualTo("glance");
        assertThat(credentials.userDomainName()).isEqualTo("Default");
        assertThat(credentials.password()).isEqualTo("s3cret");
        assertThat(credentials.systemScope()).isEqualTo("all");
        assertThat(config.endpointId()).isEqualTo("9b67aed49e0d4c2fb46ca9476a3b9243");
        assertThat(config.endpointInterface()).isEqualTo("public");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.cafile()).isNull();
        assertThat(config.http().insecure()).isFalse();
        assertThat(config.http().maxRetries()).isEqualTo(3);
    }

    @Test
    void keystoneauthsTransportOptionsAreRead() {
        OsloLimitConfig config = parse("endpoint_id = e\ninsecure = true\nconnect_retries = 0\ntimeout = 7\n");

        assertThat(config.http().insecure()).isTrue();
        assertThat(config.http().maxRetries()).isZero();
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void endpointCanBeFoundByServiceRegionAndInterface() {
        OsloLimitConfig config = parse("""
                endpoint_service_type = image
                endpoint_service_name = glance
                endpoint_region_name = RegionOne
                endpoint_interface = internalURL
                project_name = service
                project_domain_id = default
                timeout = 5
                """);

        assertThat(config.endpointId()).isNull();
        assertThat(config.endpointServiceType()).isEqualTo("image");
        assertThat(config.endpointServiceName()).isEqualTo("glance");
        assertThat(config.endpointRegionName()).isEqualTo("RegionOne");
        assertThat(config.endpointInterface()).isEqualTo("internal");
        assertThat(config.credentials().projectName()).isEqualTo("service");
        assertThat(config.credentials().projectDomainId()).isEqualTo("default");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @CsvSource({
            "http://ks:5000, http://ks:5000/v3",
            "http://ks:5000/, http://ks:5000/v3",
            "http://ks:5000/v3, http://ks:5000/v3",
            "https://ks/identity/v3/, https://ks/identity/v3",
            "https://ks/identity, https://ks/identity/v3",
    })
    void authUrlLeadsToTheV3Root(String authUrl, String v3) {
        assertThat(OsloLimitConfig.identityUrl(authUrl)).isEqualTo(URI.create(v3));
    }

    @Test
    void passwordNeverAppearsInTheDescription() {
        assertThat(parse("endpoint_id = e\n").toString()).doesNotContain("s3cret").contains("glance");
    }

    @Test
    void defaultDomainFillsUserAndProjectDomains() {
        OsloLimitConfig config = OsloLimitConfig.from(ConfigFile.parse("""
                [oslo_limit]
                auth_type = password
                auth_url = http://ks/v3
                username = glance
                password = p
                project_name = service
                default_domain_id = default
                endpoint_id = e
                """));

        assertThat(config.credentials().userDomainId()).isEqualTo("default");
        assertThat(config.credentials().projectDomainId()).isEqualTo("default");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "auth_type = token|[oslo_limit] auth_type = token",
            "auth_url = ftp://ks|[oslo_limit] auth_url = ftp://ks",
            "auth_url = http://ks:5000/v2.0|[oslo_limit] auth_url",
            "endpoint_id =|[oslo_limit] endpoint_id",
            "endpoint_interface = private|[oslo_limit] endpoint_interface = private",
            "certfile = /tmp/c.pem|[oslo_limit] certfile",
            "cafile = /nonexistent/ca.pem|[oslo_limit] cafile",
            "user_domain_name =|[oslo_limit] username",
            "username =|[oslo_limit] username",
            "password =|[oslo_limit] password",
    })
    void incompleteOrUnsupportedSettingsStopStartupNamingTheOption(String override, String named) {
        String conf = BASE + "endpoint_id = e\n" + override + "\n";

        assertThatThrownBy(() -> OsloLimitConfig.from(ConfigFile.parse(conf)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(named);
    }

    @Test
    void tokenIsScopedToOneTargetOnly() {
        assertThatThrownBy(() -> parse("endpoint_id = e\nsystem_scope = all\nproject_id = p\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only one of system_scope, a project or a domain");
    }
}
