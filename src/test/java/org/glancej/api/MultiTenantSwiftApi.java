package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Optional;
import org.glancej.keystone.RealKeystone;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The service with a multi-tenant Swift store as its default, against the real Keystone of
 * {@code scripts/keystone.sh} and the Keystone proxy of {@code GLANCE_SWIFT_KEYSTONE=1 scripts/swift.sh start}
 * (which registers the object-store endpoints callers' catalogs name); and Swift as a project's own client sees it.
 * Skips without them, or fails with {@code GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE=1}.
 */
final class MultiTenantSwiftApi {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTAINER = "glance-mt-api";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final RealKeystone keystone;
    final String authAddress;
    final String user;
    final String key;
    /** The project of the store's user (service), whose id the Keystone proxy's endpoint line names. */
    final String serviceProjectId;

    private MultiTenantSwiftApi(RealKeystone keystone, String authAddress, String user, String key,
            String serviceProjectId) {
        this.keystone = keystone;
        this.authAddress = authAddress;
        this.user = user;
        this.key = key;
        this.serviceProjectId = serviceProjectId;
    }

    static MultiTenantSwiftApi require() throws Exception {
        Optional<String> address = setting("GLANCE_SWIFT_KEYSTONE_AUTH_ADDRESS");
        if (address.isEmpty()) {
            String message = "Swift with Keystone is not configured: run GLANCE_SWIFT_KEYSTONE=1 scripts/swift.sh start "
                    + "(with scripts/keystone.sh running) and export what it prints";
            if (setting("GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE").orElse("").equals("1")) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE is set)");
            }
            Assumptions.abort(message);
        }
        String endpoint = setting("GLANCE_SWIFT_KEYSTONE_ENDPOINT").orElseThrow();
        return new MultiTenantSwiftApi(RealKeystone.require(), address.get(),
                setting("GLANCE_SWIFT_KEYSTONE_USER").orElseThrow(), setting("GLANCE_SWIFT_KEYSTONE_KEY").orElseThrow(),
                endpoint.substring(endpoint.lastIndexOf("AUTH_") + "AUTH_".length()));
    }

    /**
     * A service validating tokens with the real Keystone, whose default store is multi-tenant Swift with the store's
     * user at {@code trusteeAuthAddress}, large objects from 1 "MB", and {@code extra} [swift] lines.
     */
    ApiServerExtension server(String trusteeAuthAddress, String extra) {
        return new ApiServerExtension("""
                [paste_deploy]
                flavor = keystone
                [keystone_authtoken]
                auth_url = %1$s
                auth_type = password
                project_domain_name = Default
                user_domain_name = Default
                project_name = service
                username = glance
                password = %2$s
                [DEFAULT]
                enabled_backends = swift:swift
                show_multiple_locations = true
                [glance_store]
                default_backend = swift
                [swift]
                swift_store_multi_tenant = true
                swift_store_auth_address = %3$s
                swift_store_user = %4$s
                swift_store_key = %5$s
                swift_store_container = %6$s
                swift_store_create_container_on_put = true
                swift_store_large_object_size = 1
                swift_store_large_object_chunk_size = 1
                %7$s
                [os_glance_staging_store]
                filesystem_store_datadir = ${dir}/staging
                [os_glance_tasks_store]
                filesystem_store_datadir = ${dir}/tasks
                """.formatted(keystone.identity, keystone.glancePassword, trusteeAuthAddress, user, key, CONTAINER,
                extra));
    }

    /** A new raw image of the token's project; its id. */
    static String createImage(ApiServerExtension server, String token) throws Exception {
        HttpResponse<String> response = server.send(server.request("/v2/images").header("X-Auth-Token", token)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    static JsonNode show(ApiServerExtension server, String token, String id) throws Exception {
        HttpResponse<String> response = server.send(server.request("/v2/images/" + id).header("X-Auth-Token", token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** {@code GET|HEAD|DELETE <storage URL><path>} with a token, as the project's own Swift client. */
    static HttpResponse<byte[]> swift(String token, String storageUrl, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(storageUrl + path)).header("X-Auth-Token", token)
                .method(method, BodyPublishers.noBody()).build(), BodyHandlers.ofByteArray());
    }

    private static Optional<String> setting(String env) {
        return Optional.ofNullable(System.getenv(env)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
