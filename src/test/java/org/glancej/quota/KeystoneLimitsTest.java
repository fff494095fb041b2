package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.glancej.keystone.FakeKeystone;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.KeystoneUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limits client against an in-process Keystone that answers with the API reference's documents. */
class KeystoneLimitsTest {
    private static final String GLANCE = "svc-glance";
    private static final String CINDER = "svc-cinder";
    private static final List<String> RESOURCES = UnifiedLimits.RESOURCES;

    private FakeKeystone keystone;
    private final MovableClock clock = new MovableClock();

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");

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
    void startKeystone() throws Exception {
        keystone = new FakeKeystone();
        keystone.now = clock.now;
        keystone.service(GLANCE, "image", "glance");
        keystone.service(CINDER, "volumev3", "cinderv3");
        keystone.endpoint("ep-public", GLANCE, "RegionOne", "public");
        keystone.endpoint("ep-internal", GLANCE, "RegionOne", "internal");
        keystone.endpoint("ep-two", GLANCE, "RegionTwo", "public");
        keystone.endpoint("ep-cinder", CINDER, "RegionOne", "public");
        keystone.registeredLimit(GLANCE, "RegionOne", "image_size_total", 1000);
        keystone.registeredLimit(GLANCE, "RegionOne", "image_count_total", 100);
        keystone.registeredLimit(GLANCE, "RegionTwo", "image_stage_total", 7);
        keystone.registeredLimit(CINDER, "RegionOne", "image_stage_total", 9);
        keystone.projectLimit("proj-a", GLANCE, "RegionOne", "image_size_total", 50);
        keystone.projectLimit("proj-b", GLANCE, "RegionOne", "image_count_total", 3);
        keystone.projectLimit("proj-a", CINDER, "RegionOne", "image_count_total", 1);
    }

    @AfterEach
    void stopKeystone() {
        keystone.close();
    }

    private KeystoneLimits client(String extra) {
        OsloLimitConfig config = OsloLimitConfig.from(ConfigFile.parse("""
                [oslo_limit]
                auth_type = password
                auth_url = %s
                username = glance
                user_domain_name = Default
                password = secret
                """.formatted(keystone.v3()) + extra));
        return new KeystoneLimits(config, clock);
    }

    private KeystoneLimits clientForEndpoint(String endpointId) {
        return client("system_scope = all\nendpoint_id = " + endpointId + "\n");
    }

    @Test
    void projectLimitOverridesTheDefaultOfTheEndpointsServiceAndRegion() {
        Map<String, Long> limits = clientForEndpoint("ep-public").limits("proj-a", RESOURCES);

        assertThat(limits).containsExactly(Map.entry("image_size_total", 50L), Map.entry("image_stage_total", 0L),
                Map.entry("image_count_total", 100L), Map.entry("image_count_uploading", 0L));
    }

    @Test
    void anotherRegionsEndpointReadsThatRegionsLimits() {
        Map<String, Long> limits = clientForEndpoint("ep-two").limits("proj-a", RESOURCES);

        assertThat(limits).containsExactly(Map.entry("image_size_total", 0L), Map.entry("image_stage_total", 7L),
                Map.entry("image_count_total", 0L), Map.entry("image_count_uploading", 0L));
    }

    @Test
    void withoutProjectOnlyRegisteredLimitsAreRead() {
        Map<String, Long> limits = clientForEndpoint("ep-public").limits(null, List.of("image_count_total"));

        assertThat(limits).containsExactly(Map.entry("image_count_total", 100L));
        assertThat(keystone.requests).noneMatch(r -> r.startsWith("GET /limits "));
    }

    @Test
    void limitsAreFilteredByServiceRegionAndProjectInKeystone() {
        clientForEndpoint("ep-public").limits("proj-b", RESOURCES);

        assertThat(keystone.requests).contains(
                "GET /limits {project_id=proj-b, region_id=RegionOne, service_id=svc-glance}",
                "GET /registered_limits {region_id=RegionOne, service_id=svc-glance}");
    }

    @Test
    void passwordAuthenticationIsSystemScopedAndTheTokenIsReused() {
        KeystoneLimits client = clientForEndpoint("ep-public");

        client.limits("proj-a", RESOURCES);
        client.limits("proj-b", RESOURCES);

        assertThat(keystone.tokensIssued()).isEqualTo(1);
        JsonNode auth = keystone.authRequests.getFirst().path("auth");
        assertThat(auth.path("identity").path("methods").toString()).isEqualTo("[\"password\"]");
        JsonNode user = auth.path("identity").path("password").path("user");
        assertThat(user.path("name").asText()).isEqualTo("glance");
        assertThat(user.path("domain").path("name").asText()).isEqualTo("Default");
        assertThat(user.path("password").asText()).isEqualTo("secret");
        assertThat(auth.path("scope").toString()).isEqualTo("{\"system\":{\"all\":true}}");
    }

    @Test
    void projectScopeByNameCarriesItsDomain() {
        client("project_name = service\nproject_domain_id = default\nendpoint_id = ep-public\n")
                .limits("proj-a", RESOURCES);

        assertThat(keystone.authRequests.getFirst().path("auth").path("scope").toString())
                .isEqualTo("{\"project\":{\"name\":\"service\",\"domain\":{\"id\":\"default\"}}}");
    }

    @Test
    void tokenIsRenewedShortlyBeforeItExpires() {
        KeystoneLimits client = clientForEndpoint("ep-public");
        client.limits("proj-a", RESOURCES);

        clock.now = clock.now.plus(Duration.ofMinutes(59).plusSeconds(40));
        keystone.now = clock.now;
        client.limits("proj-a", RESOURCES);
        client.limits("proj-a", RESOURCES);

        assertThat(keystone.tokensIssued()).isEqualTo(2);
    }

    @Test
    void revokedTokenIsReplacedOnce() {
        KeystoneLimits client = clientForEndpoint("ep-public");
        client.limits("proj-a", RESOURCES);
        keystone.revokeTokens();

        assertThat(client.limits("proj-b", List.of("image_count_total"))).containsEntry("image_count_total", 3L);
        assertThat(keystone.tokensIssued()).isEqualTo(2);
    }

    @Test
    void endpointAndModelAreResolvedOnceAndLimitsReadEveryTime() {
        KeystoneLimits client = clientForEndpoint("ep-public");
        client.limits("proj-a", RESOURCES);
        keystone.projectLimits.clear();

        assertThat(client.limits("proj-a", List.of("image_size_total"))).containsEntry("image_size_total", 1000L);
        assertThat(keystone.requests).containsOnlyOnce("GET /endpoints/ep-public", "GET /limits/model");
    }

    @Test
    void endpointIsFoundByServiceTypeRegionAndInterface() {
        KeystoneLimits client = client("""
                system_scope = all
                endpoint_service_type = image
                endpoint_region_name = RegionOne
                endpoint_interface = internal
                """);

        assertThat(client.limits("proj-a", List.of("image_size_total"))).containsEntry("image_size_total", 50L);
        assertThat(keystone.requests).contains("GET /services {type=image}", "GET /regions/RegionOne",
                "GET /endpoints {interface=internal, region_id=RegionOne, service_id=svc-glance}");
    }

    @Test
    void endpointLookupThatIsNotUniqueFails() {
        KeystoneLimits anyRegion = client("system_scope = all\nendpoint_service_type = image\n");

        assertThatThrownBy(() -> anyRegion.limits("proj-a", RESOURCES))
                .isInstanceOf(KeystoneLimitsException.class)
                .hasMessageContaining("several public endpoints");
    }

    @Test
    void unknownEndpointRegionOrModelFail() {
        assertThatThrownBy(() -> clientForEndpoint("no-such-endpoint").limits("proj-a", RESOURCES))
                .isInstanceOf(KeystoneLimitsException.class)
                .hasMessageContaining("endpoint no-such-endpoint");
        assertThatThrownBy(() -> client("endpoint_service_type = image\nendpoint_region_name = Mars\n")
                .limits("proj-a", RESOURCES))
                .isInstanceOf(KeystoneLimitsException.class)
                .hasMessageContaining("region Mars");
        keystone.model = "strict-two-level";
        assertThatThrownBy(() -> clientForEndpoint("ep-public").limits("proj-a", RESOURCES))
                .isInstanceOf(KeystoneLimitsException.class)
                .hasMessage("enforcement model strict-two-level is not supported");
    }

    @Test
    void refusedCredentialsFailWithoutShowingThePassword() {
        keystone.users.put("glance", "another");

        assertThatThrownBy(() -> clientForEndpoint("ep-public").limits("proj-a", RESOURCES))
                .isInstanceOfSatisfying(KeystoneUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeystoneUnavailableException.Reason.REFUSED))
                .hasMessageContaining("[oslo_limit]")
                .hasMessageContaining("HTTP 401: The request you have made requires authentication.")
                .hasMessageNotContaining("secret");
    }

    @Test
    void unreachableKeystoneIsUnavailable() {
        KeystoneLimits client = clientForEndpoint("ep-public");
        keystone.close();

        assertThatThrownBy(() -> client.limits("proj-a", RESOURCES))
                .isInstanceOfSatisfying(KeystoneUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeystoneUnavailableException.Reason.UNREACHABLE))
                .hasMessageContaining("cannot reach Keystone");
    }

    @Test
    void aKeystoneThatFailsOnceIsAskedAgainWithConnectRetries() {
        KeystoneLimits client = client("system_scope = all\nendpoint_id = ep-public\nconnect_retries = 1\n");
        keystone.failures.set(1);

        assertThat(client.limits("proj-a", List.of("image_size_total"))).containsEntry("image_size_total", 50L);
    }
}
