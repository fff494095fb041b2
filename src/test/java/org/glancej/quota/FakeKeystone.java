package org.glancej.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Keystone v3 on 127.0.0.1 serving the documents oslo.limit reads, in the shapes of Keystone's API reference
 * (token issue, limits model, endpoints, services, regions, registered limits, project limits), filtering
 * collections by query parameters as Keystone does.
 */
public final class FakeKeystone implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<JsonNode> authRequests = new CopyOnWriteArrayList<>();
    final List<ObjectNode> services = new ArrayList<>();
    final List<ObjectNode> endpoints = new ArrayList<>();
    final List<ObjectNode> registeredLimits = new ArrayList<>();
    final List<ObjectNode> projectLimits = new ArrayList<>();
    final Set<String> regions = new HashSet<>(Set.of("RegionOne"));
    String model = "flat";
    boolean refuseCredentials;
    public Instant now = Instant.parse("2026-05-01T10:00:00Z");
    Duration tokenLifetime = Duration.ofHours(1);
    private final Set<String> validTokens = new HashSet<>();
    private int tokensIssued;
    private final HttpServer server;

    public FakeKeystone() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/identity/v3/", this::handle);
        server.start();
    }

    /** The v3 root, as {@code auth_url} would lead to it. */
    public URI v3() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/identity/v3");
    }

    int tokensIssued() {
        return tokensIssued;
    }

    synchronized void revokeTokens() {
        validTokens.clear();
    }

    public ObjectNode service(String id, String type, String name) {
        ObjectNode service = JSON.createObjectNode().put("id", id).put("type", type).put("name", name)
                .put("enabled", true).put("description", name + " service");
        service.putObject("links").put("self", v3() + "/services/" + id);
        services.add(service);
        return service;
    }

    public ObjectNode endpoint(String id, String serviceId, String regionId, String iface) {
        ObjectNode endpoint = JSON.createObjectNode().put("id", id).put("interface", iface).put("region", regionId)
                .put("region_id", regionId).put("service_id", serviceId).put("url", "http://glance:9292")
                .put("enabled", true);
        endpoint.putObject("links").put("self", v3() + "/endpoints/" + id);
        endpoints.add(endpoint);
        return endpoint;
    }

    /** Sets (replacing any earlier one) the default limit of a resource. */
    public synchronized void registeredLimit(String serviceId, String regionId, String resource, long defaultLimit) {
        registeredLimits.removeIf(limit -> limit.path("resource_name").asText().equals(resource)
                && limit.path("service_id").asText().equals(serviceId)
                && limit.path("region_id").asText().equals(regionId));
        ObjectNode limit = JSON.createObjectNode().put("id", "rl" + registeredLimits.size())
                .put("service_id", serviceId).put("region_id", regionId).put("resource_name", resource)
                .put("default_limit", defaultLimit).putNull("description");
        limit.putObject("links").put("self", v3() + "/registered_limits/rl" + registeredLimits.size());
        registeredLimits.add(limit);
    }

    void projectLimit(String projectId, String serviceId, String regionId, String resource, long resourceLimit) {
        ObjectNode limit = JSON.createObjectNode().put("id", "l" + projectLimits.size()).put("project_id", projectId)
                .putNull("domain_id").put("service_id", serviceId).put("region_id", regionId)
                .put("resource_name", resource).put("resource_limit", resourceLimit).putNull("description");
        limit.putObject("links").put("self", v3() + "/limits/l" + projectLimits.size());
        projectLimits.add(limit);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/identity/v3".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(exchange.getRequestMethod() + " " + path + (query.isEmpty() ? "" : " " + query));
            if (exchange.getRequestMethod().equals("POST") && path.equals("/auth/tokens")) {
                issueToken(exchange);
                return;
            }
            if (!validTokens.contains(exchange.getRequestHeaders().getFirst("X-Auth-Token"))) {
                error(exchange, 401, "The request you have made requires authentication.", "Unauthorized");
                return;
            }
            switch (path) {
                case "/limits/model" -> {
                    ObjectNode body = JSON.createObjectNode();
                    body.putObject("model").put("name", model).put("description", "limit enforcement model");
                    send(exchange, 200, body);
                }
                case "/services" -> collection(exchange, "services", services, query);
                case "/endpoints" -> collection(exchange, "endpoints", endpoints, query);
                case "/registered_limits" -> collection(exchange, "registered_limits", registeredLimits, query);
                case "/limits" -> collection(exchange, "limits", projectLimits, query);
                default -> member(exchange, path);
            }
        }
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        authRequests.add(request);
        if (refuseCredentials) {
            error(exchange, 401, "The request you have made requires authentication.", "Unauthorized");
            return;
        }
        String id = "gAAAAAB-token-" + ++tokensIssued;
        validTokens.add(id);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode token = body.putObject("token");
        token.putArray("methods").add("password");
        token.put("issued_at", now.toString()).put("expires_at", now.plus(tokenLifetime).toString());
        token.putObject("user").put("id", "u-glance").put("name", "glance").putObject("domain").put("id", "default")
                .put("name", "Default");
        token.putObject("system").put("all", true);
        token.putArray("roles").addObject().put("id", "r1").put("name", "reader");
        exchange.getResponseHeaders().add("X-Subject-Token", id);
        send(exchange, 201, body);
    }

    private void member(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        if (parts.length == 3 && parts[1].equals("endpoints")) {
            for (ObjectNode endpoint : endpoints) {
                if (endpoint.path("id").asText().equals(parts[2])) {
                    ObjectNode body = JSON.createObjectNode();
                    body.set("endpoint", endpoint);
                    send(exchange, 200, body);
                    return;
                }
            }
        }
        if (parts.length == 3 && parts[1].equals("regions") && regions.contains(parts[2])) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("region").put("id", parts[2]).put("description", "").putNull("parent_region_id")
                    .putObject("links").put("self", v3() + "/regions/" + parts[2]);
            send(exchange, 200, body);
            return;
        }
        error(exchange, 404, "Could not find " + path + ".", "Not Found");
    }

    private void collection(HttpExchange exchange, String key, List<ObjectNode> items, Map<String, String> query)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray(key);
        for (ObjectNode item : items) {
            if (query.entrySet().stream().allMatch(f -> f.getValue().equals(item.path(f.getKey()).asText(null)))) {
                list.add(item);
            }
        }
        body.putObject("links").put("self", v3() + "/" + key).putNull("previous").putNull("next");
        send(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, int code, String message, String title) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message).put("title", title);
        send(exchange, code, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
