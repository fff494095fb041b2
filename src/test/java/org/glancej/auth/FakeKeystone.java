package org.glancej.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Keystone's two token calls, answering with Keystone's v3 JSON shapes, for tests of token
 * handling logic; the end-to-end tests run against a real Keystone.
 */
public final class FakeKeystone implements AutoCloseable {
    public record Token(String userId, String projectId, List<String> roles, Instant expiresAt) {}

    public final Map<String, Token> tokens = new ConcurrentHashMap<>();
    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger serviceLogins = new AtomicInteger();
    private final HttpServer server;
    private volatile String serviceToken = "service-token-1";

    public FakeKeystone() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/auth/tokens", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Keystone forgets the current service token, as after a revocation or a key rotation. */
    public void revokeServiceToken() {
        serviceToken = serviceToken + "-revoked";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!body.contains("\"name\":\"glance\"") || !body.contains("\"password\":\"secret\"")) {
                    reply(exchange, 401, "{\"error\": {\"code\": 401}}");
                    return;
                }
                serviceLogins.incrementAndGet();
                serviceToken = "service-token-" + (serviceLogins.get() + 1);
                exchange.getResponseHeaders().add("X-Subject-Token", serviceToken);
                reply(exchange, 201, tokenJson(new Token("glance-user", "service-project", List.of("admin"),
                        Instant.now().plusSeconds(3600))));
                return;
            }
            if (!serviceToken.equals(exchange.getRequestHeaders().getFirst("X-Auth-Token"))) {
                reply(exchange, 401, "{\"error\": {\"code\": 401}}");
                return;
            }
            validations.incrementAndGet();
            Token token = tokens.get(exchange.getRequestHeaders().getFirst("X-Subject-Token"));
            if (token == null || token.expiresAt().isBefore(Instant.now())) {
                reply(exchange, 404, "{\"error\": {\"code\": 404, \"title\": \"Not Found\"}}");
                return;
            }
            reply(exchange, 200, tokenJson(token));
        }
    }

    private static String tokenJson(Token t) {
        StringBuilder roles = new StringBuilder();
        for (String role : t.roles()) {
            roles.append(roles.isEmpty() ? "" : ",").append("{\"id\": \"r-").append(role).append("\", \"name\": \"")
                    .append(role).append("\"}");
        }
        return "{\"token\": {\"methods\": [\"password\"], \"user\": {\"domain\": {\"id\": \"default\", \"name\": "
                + "\"Default\"}, \"id\": \"" + t.userId() + "\", \"name\": \"user-" + t.userId() + "\"}, "
                + "\"expires_at\": \"" + t.expiresAt() + "\", \"project\": {\"domain\": {\"id\": \"default\", "
                + "\"name\": \"Default\"}, \"id\": \"" + t.projectId() + "\", \"name\": \"p\"}, \"roles\": [" + roles
                + "], \"is_domain\": false}}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
