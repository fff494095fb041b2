package org.glancej.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Keystone of {@code scripts/keystone.sh} (GLANCE_KEYSTONE_*): the glance user's password, tokens and
 * openrc values of its admin and demo users, and regions with an image endpoint registered for a test and removed
 * after it. Absent, tests skip, or fail with GLANCE_TEST_REQUIRE_KEYSTONE=1.
 */
public final class RealKeystone {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final URI identity;
    public final String glancePassword;
    private final Map<String, String> admin;
    private final Map<String, String> demo;
    private final HttpClient http = HttpClient.newHttpClient();

    private RealKeystone(URI identity, String glancePassword, Map<String, String> admin, Map<String, String> demo) {
        this.identity = identity;
        this.glancePassword = glancePassword;
        this.admin = admin;
        this.demo = demo;
    }

    public static RealKeystone require() throws IOException {
        Optional<String> url = Optional.ofNullable(System.getenv("GLANCE_KEYSTONE_URL")).filter(v -> !v.isBlank());
        if (url.isEmpty()) {
            String message = "no Keystone: run scripts/keystone.sh start and export what it prints";
            String required = Optional.ofNullable(System.getenv("GLANCE_TEST_REQUIRE_KEYSTONE")).orElse("");
            if (required.equals("1") || required.equalsIgnoreCase("true")) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_KEYSTONE is set)");
            }
            Assumptions.abort(message);
        }
        return new RealKeystone(URI.create(url.get().replaceAll("/+$", "") + "/v3/"),
                System.getenv("GLANCE_KEYSTONE_GLANCE_PASSWORD"), openrc("GLANCE_KEYSTONE_ADMIN_OPENRC"),
                openrc("GLANCE_KEYSTONE_DEMO_OPENRC"));
    }

    public String adminToken() throws IOException, InterruptedException {
        return token(admin);
    }

    public String demoToken() throws IOException, InterruptedException {
        return token(demo);
    }

    /** The demo user's token as Keystone issues it, with its catalog (myproject, role member). */
    public KeystoneToken demoAuthenticated() {
        return authenticated(identity, demo);
    }

    /** The admin user's token with its catalog (project admin). */
    public KeystoneToken adminAuthenticated() {
        return authenticated(identity, admin);
    }

    /**
     * The demo user's token from the second Keystone of {@code scripts/keystone.sh start-short}, which expires
     * within seconds (GLANCE_KEYSTONE_SHORT_URL); absent, the test skips, or fails with
     * GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE=1.
     */
    public KeystoneToken shortLivedDemoToken() {
        Optional<String> url = Optional.ofNullable(System.getenv("GLANCE_KEYSTONE_SHORT_URL")).filter(v -> !v.isBlank());
        if (url.isEmpty()) {
            String message = "no short-token Keystone: run scripts/keystone.sh start-short and export what it prints";
            if ("1".equals(System.getenv("GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE"))) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE is set)");
            }
            Assumptions.abort(message);
        }
        return authenticated(URI.create(url.get().replaceAll("/+$", "") + "/v3"), demo);
    }

    private static KeystoneToken authenticated(URI v3Root, Map<String, String> rc) {
        Keystone keystone = Keystone.at(v3Root, KeystoneHttpOptions.DEFAULTS);
        return keystone.authenticate(KeystoneCredentials.projectUser(keystone.v3Root(), rc.get("OS_USERNAME"),
                rc.get("OS_USER_DOMAIN_NAME"), rc.get("OS_PASSWORD"), rc.get("OS_PROJECT_NAME"),
                rc.get("OS_PROJECT_DOMAIN_NAME")), "the test user " + rc.get("OS_USERNAME"));
    }

    /** Registers {@code region} with a public image endpoint at {@code url}; returns the endpoint's id. */
    public String addImageEndpoint(String region, String url) throws IOException, InterruptedException {
        String token = adminToken();
        send(token, "POST", "regions", "{\"region\": {\"id\": \"" + region + "\"}}", 201);
        String service = send(token, "GET", "services?type=image", null, 200).path("services").path(0).path("id").asText();
        return send(token, "POST", "endpoints", JSON.createObjectNode().set("endpoint", JSON.createObjectNode()
                .put("service_id", service).put("interface", "public").put("region_id", region).put("url", url))
                .toString(), 201).path("endpoint").path("id").asText();
    }

    public void removeImageEndpoint(String region, String endpointId) throws IOException, InterruptedException {
        String token = adminToken();
        send(token, "DELETE", "endpoints/" + endpointId, null, 204);
        send(token, "DELETE", "regions/" + region, null, 204);
    }

    /** The demo user's openrc values (OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, ...). */
    public Map<String, String> demo() {
        return demo;
    }

    private String token(Map<String, String> rc) throws IOException, InterruptedException {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"name": "%s"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"name": "%s"}}}}}
                """.formatted(rc.get("OS_USERNAME"), rc.get("OS_USER_DOMAIN_NAME"), rc.get("OS_PASSWORD"),
                rc.get("OS_PROJECT_NAME"), rc.get("OS_PROJECT_DOMAIN_NAME"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(identity.resolve("auth/tokens?nocatalog"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(201, response.statusCode(), response.body());
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private JsonNode send(String token, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(identity.resolve(path)).header("X-Auth-Token", token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static Map<String, String> openrc(String variable) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(System.getenv(variable)))) {
            String text = line.strip().replaceFirst("^export\\s+", "");
            int eq = text.indexOf('=');
            if (eq > 0) {
                values.put(text.substring(0, eq), text.substring(eq + 1).replaceAll("^['\"]|['\"]$", ""));
            }
        }
        return values;
    }
}
