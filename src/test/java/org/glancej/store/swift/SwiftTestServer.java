package org.glancej.store.swift;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Swift of {@code scripts/swift.sh} as its env lines describe it ({@code GLANCE_SWIFT_*}). Tests using it skip
 * when it is not configured, or fail with {@code GLANCE_TEST_REQUIRE_SWIFT=1}. It also talks to Swift directly,
 * as another client would, to see what the store left there.
 */
record SwiftTestServer(String authAddress, String user, String key, String authOptions, Optional<String> endpoint,
        Optional<Path> script) {
    static final long MIB = 1 << 20;
    static final String CONTAINER = "glance-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static SwiftTestServer require() {
        Optional<String> address = setting("GLANCE_SWIFT_AUTH_ADDRESS");
        if (address.isEmpty()) {
            String message = "Swift is not configured: run scripts/swift.sh start and export what it prints";
            String required = setting("GLANCE_TEST_REQUIRE_SWIFT").orElse("");
            if (required.equals("1") || required.equalsIgnoreCase("true")) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_SWIFT is set)");
            }
            Assumptions.abort(message);
        }
        return new SwiftTestServer(address.get(), setting("GLANCE_SWIFT_USER").orElseThrow(),
                setting("GLANCE_SWIFT_KEY").orElseThrow(), "swift_store_auth_version = 1\n", Optional.empty(), swiftScript());
    }

    /**
     * The Swift proxy with Keystone authentication ({@code GLANCE_SWIFT_KEYSTONE=1 scripts/swift.sh start}): auth
     * version 3 as the glance user of the project service, the account's storage URL named in
     * {@code swift_store_endpoint}. Skips without it, or fails with {@code GLANCE_TEST_REQUIRE_SWIFT_KEYSTONE=1}.
     */
    static SwiftTestServer requireKeystone() {
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
        return new SwiftTestServer(address.get(), setting("GLANCE_SWIFT_KEYSTONE_USER").orElseThrow(),
                setting("GLANCE_SWIFT_KEYSTONE_KEY").orElseThrow(),
                "swift_store_auth_version = 3\nswift_store_endpoint = " + endpoint + "\n", Optional.of(endpoint), swiftScript());
    }

    private static Optional<Path> swiftScript() {
        return Optional.of(Path.of("scripts/swift.sh").toAbsolutePath()).filter(p -> p.toFile().canExecute());
    }

    /** glance-api.conf {@code [glance_store]} options for this server (auth v1, the test container), plus {@code extra}. */
    String options(String extra) {
        return "[glance_store]\n"
                + "swift_store_auth_address = " + authAddress + "\n"
                + "swift_store_user = " + user + "\n"
                + "swift_store_key = " + key + "\n"
                + authOptions
                + "swift_store_container = " + CONTAINER + "\n"
                + "swift_store_create_container_on_put = true\n"
                + extra;
    }

    StoreSection section(String extra) {
        return new StoreSection(ConfigFile.parse(options(extra)), "glance_store", "swift", null);
    }

    /** A store whose large objects start at {@code largeObjectSize} bytes, in segments of {@code chunkSize}. */
    SwiftStore store(long largeObjectSize, long chunkSize) {
        SwiftStoreConfig config = SwiftStoreConfig.from(section("")).with(largeObjectSize, chunkSize, Duration.ofSeconds(20));
        return SwiftStoreFactory.create("swift", config, HttpClient.newHttpClient());
    }

    // ---- Swift as another client sees it

    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** A request to the account's storage URL, e.g. {@code request("GET", "/glance-test?prefix=x", null, Map.of())}. */
    Answer request(String method, String path, byte[] body, Map<String, String> headers) throws Exception {
        String token;
        String storage;
        if (endpoint.isPresent()) {
            String[] projectUser = user.split(":");
            String credentials = """
                    {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                    "domain": {"id": "default"}, "password": "%s"}}}, "scope": {"project": {"name": "%s",
                    "domain": {"id": "default"}}}}}""".formatted(projectUser[1], key, projectUser[0]);
            HttpResponse<Void> auth = HTTP.send(HttpRequest.newBuilder(URI.create(authAddress + "/auth/tokens"))
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(credentials)).build(),
                    BodyHandlers.discarding());
            token = auth.headers().firstValue("X-Subject-Token").orElseThrow();
            storage = endpoint.get();
        } else {
            HttpResponse<Void> auth = HTTP.send(HttpRequest.newBuilder(URI.create(authAddress))
                    .header("X-Auth-User", user).header("X-Auth-Key", key).build(), BodyHandlers.discarding());
            token = auth.headers().firstValue("X-Auth-Token").orElseThrow();
            storage = auth.headers().firstValue("X-Storage-Url").orElseThrow();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(storage + path)).header("X-Auth-Token", token)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = HTTP.send(request.build(), BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }

    /** The names in the test container starting with {@code prefix}. */
    List<String> objects(String prefix) throws Exception {
        Answer answer = request("GET", "/" + CONTAINER + "?format=json&prefix=" + prefix, null, Map.of());
        if (answer.status() == 404) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    /** Runs {@code scripts/swift.sh} with the arguments; its standard output. */
    String swiftSh(String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(script.isPresent(), "scripts/swift.sh not found");
        List<String> command = new java.util.ArrayList<>(List.of(script.get().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("scripts/swift.sh " + String.join(" ", args) + " failed");
        }
        return out.strip();
    }

    static Optional<String> setting(String env) {
        return Optional.ofNullable(System.getenv(env)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
