package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.glancej.store.swift.SwiftRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Swift store whose Swift cannot be reached when the service starts (its address is a relay to the Swift of
 * {@code scripts/swift.sh} that is not listening yet): the service starts, the store is shown unavailable and turns
 * uploads away with 503, and once Swift answers it is used without a restart.
 */
class SwiftUnavailableApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServerExtension server;
    private static SwiftRelay relay;
    private static int relayPort;
    private static int swiftPort;

    @BeforeAll
    static void start() throws Exception {
        String authAddress = System.getenv("GLANCE_SWIFT_AUTH_ADDRESS");
        if (authAddress == null || authAddress.isBlank()) {
            String message = "Swift is not configured: run scripts/swift.sh start and export what it prints";
            if ("1".equals(System.getenv("GLANCE_TEST_REQUIRE_SWIFT"))) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_SWIFT is set)");
            }
            Assumptions.abort(message);
        }
        String user = System.getenv("GLANCE_SWIFT_USER");
        String key = System.getenv("GLANCE_SWIFT_KEY");
        URI storage = URI.create(HTTP.send(HttpRequest.newBuilder(URI.create(authAddress)).header("X-Auth-User", user)
                .header("X-Auth-Key", key).build(), BodyHandlers.discarding()).headers().firstValue("X-Storage-Url")
                .orElseThrow());
        swiftPort = URI.create(authAddress).getPort();
        try (ServerSocket free = new ServerSocket(0)) {
            relayPort = free.getLocalPort();
        }
        String late = "http://127.0.0.1:" + relayPort;
        server = new ApiServerExtension("""
                [DEFAULT]
                enabled_backends = local:file, late:swift
                [glance_store]
                default_backend = local
                [late]
                swift_store_auth_address = %s%s
                swift_store_user = %s
                swift_store_key = %s
                swift_store_auth_version = 1
                swift_store_endpoint = %s%s
                swift_store_container = glance-late-test
                swift_store_create_container_on_put = true
                [local]
                filesystem_store_datadir = ${dir}/local
                """.formatted(late, URI.create(authAddress).getPath(), user, key, late, storage.getPath()));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (relay != null) {
            relay.close();
        }
    }


    private static HttpResponse<String> upload(String id, String store) throws Exception {
        return server.send(server.request("/v2/images/" + id + "/file").header("Content-Type", "application/octet-stream")
                .header("X-Image-Meta-Store", store).PUT(BodyPublishers.ofString("late data")));
    }

    private static JsonNode late() throws Exception {
        JsonNode stores = JSON.readTree(server.send(server.request("/v2/info/stores/detail")).body()).get("stores");
        assertThat(stores.get(1).get("id").asText()).isEqualTo("late");
        return stores.get(1);
    }

    @Test
    void aSwiftUnreachableAtStartupIsShownUnavailableAndUsedOnceItAnswers() throws Exception {
        JsonNode before = late();
        assertThat(before.get("available").asText()).isEqualTo("false");
        assertThat(before.get("unavailable_reason").asText()).contains("127.0.0.1:" + relayPort);
        assertThat(before.has("read-only")).isFalse();
        String id = server.createRawImage();
        HttpResponse<String> refused = upload(id, "late");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("Store late is unavailable");
        assertThat(JSON.readTree(server.send(server.request("/v2/images/" + id)).body()).get("status").asText())
                .isEqualTo("queued");

        relay = new SwiftRelay(relayPort, swiftPort, null); // Swift answers at the store's address now

        assertThat(upload(id, "late").statusCode()).isEqualTo(204);
        assertThat(late().has("available")).isFalse();
        assertThat(server.send(server.request("/v2/images/" + id + "/file")).body()).isEqualTo("late data");
    }
}
