package org.glancej.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * One stand-in Keystone v3 on 127.0.0.1 for the service's Keystone clients, answering in the shapes of Keystone's
 * API reference: password authentication (tokens with a catalog), token validation, {@code /auth/catalog} for a
 * caller's token, and the documents oslo.limit reads (limits model, services, endpoints, regions, registered and
 * project limits, collections filtered by query parameters). End-to-end tests run against a real Keystone.
 */
public final class FakeKeystone implements AutoCloseable {
    /** A caller's token as the fake knows it. */
    public record Token(String userId, String projectId, List<String> roles, Instant expiresAt) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TLS_PASSWORD = "changeit";

    /** Callers' tokens by id. */
    public final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** Service users' passwords by user name; any other name or password is refused. */
    public final Map<String, String> users = new ConcurrentHashMap<>(Map.of("glance", "secret"));
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<JsonNode> authRequests = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> services = new ArrayList<>();
    public final List<ObjectNode> endpoints = new ArrayList<>();
    public final List<ObjectNode> registeredLimits = new ArrayList<>();
    public final List<ObjectNode> projectLimits = new ArrayList<>();
    public final Set<String> regions = new HashSet<>(Set.of("RegionOne"));
    public final AtomicInteger validations = new AtomicInteger();
    public volatile String model = "flat";
    /** The fake's clock for the tokens it issues; null for the real time. */
    public volatile Instant now;
    public volatile Duration tokenLifetime = Duration.ofHours(1);
    /** The next this many requests are answered with {@link #failureStatus} (0 closes the connection instead). */
    public final AtomicInteger failures = new AtomicInteger();
    public volatile int failureStatus = 503;
    /** How long each token validation takes (a slow Keystone). */
    public volatile Duration validationDelay = Duration.ZERO;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final HttpServer server;
    private final Path caFile;

    public FakeKeystone() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), null);
    }

    private FakeKeystone(HttpServer server, Path caFile) {
        this.server = server;
        this.caFile = caFile;
        server.createContext("/identity/v3/", this::handle);
        server.start();
    }

    /**
     * The same Keystone over https, with a self-signed certificate for 127.0.0.1 made in {@code dir}; its PEM is
     * {@link #caFile()}.
     */
    public static FakeKeystone overTls(Path dir) throws Exception {
        Path keystore = dir.resolve("keystone.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "keystone", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext",
                "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", TLS_PASSWORD, "-keypass", TLS_PASSWORD);
        Path pem = dir.resolve("keystone-ca.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "keystone", "-keystore", keystore.toString(), "-storepass",
                TLS_PASSWORD, "-file", pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, TLS_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, TLS_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new FakeKeystone(server, pem);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The PEM certificate of a Keystone {@link #overTls}, to trust as {@code cafile}. */
    public Path caFile() {
        return caFile;
    }

    /** The unversioned root, as the install guide's {@code auth_url}. */
    public String url() {
        return (caFile != null ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/identity";
    }

    /** The v3 root. */
    public URI v3() {
        return URI.create(url() + "/v3");
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Keystone forgets every token it issued to service users, as after a revocation or a key rotation. */
    public void revokeTokens() {
        issued.clear();
    }

    public synchronized ObjectNode service(String id, String type, String name) {
        ObjectNode service = JSON.createObjectNode().put("id", id).put("type", type).put("name", name)
                .put("enabled", true).put("description", name + " service");
        service.putObject("links").put("self", v3() + "/services/" + id);
        services.add(service);
        return service;
    }

    public ObjectNode endpoint(String id, String serviceId, String regionId, String iface) {
        return endpoint(id, serviceId, regionId, iface, "http://glance:9292");
    }

    public synchronized ObjectNode endpoint(String id, String serviceId, String regionId, String iface, String url) {
        ObjectNode endpoint = JSON.createObjectNode().put("id", id).put("interface", iface).put("region", regionId)
                .put("region_id", regionId).put("service_id", serviceId).put("url", url).put("enabled", true);
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

    public synchronized void projectLimit(String projectId, String serviceId, String regionId, String resource,
            long resourceLimit) {
        ObjectNode limit = JSON.createObjectNode().put("id", "l" + projectLimits.size()).put("project_id", projectId)
                .putNull("domain_id").put("service_id", serviceId).put("region_id", regionId)
                .put("resource_name", resource).put("resource_limit", resourceLimit).putNull("description");
        limit.putObject("links").put("self", v3() + "/limits/l" + projectLimits.size());
        projectLimits.add(limit);
    }

    private Instant now() {
        Instant fixed = now;
        return fixed != null ? fixed : Instant.now();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/identity/v3".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(exchange.getRequestMethod() + " " + path + (query.isEmpty() ? "" : " " + query));
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureStatus == 0) {
                    throw new IOException("dropping the connection"); // the server closes it without an answer
                }
                error(exchange, failureStatus, "Keystone is unwell.", "Service Unavailable");
                return;
            }
            String header = exchange.getRequestHeaders().getFirst("X-Auth-Token");
            String caller = header == null ? "" : header;
            if (exchange.getRequestMethod().equals("POST") && path.equals("/auth/tokens")) {
                issueToken(exchange);
            } else if (path.equals("/auth/catalog") && tokens.containsKey(caller)) {
                ObjectNode body = JSON.createObjectNode();
                body.set("catalog", catalog());
                send(exchange, 200, body);
            } else if (!issued.contains(caller)) {
                error(exchange, 401, "The request you have made requires authentication.", "Unauthorized");
            } else if (path.equals("/auth/tokens")) {
                validate(exchange, !query.containsKey("nocatalog"));
            } else {
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
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        authRequests.add(request);
        JsonNode user = request.path("auth").path("identity").path("password").path("user");
        String password = users.get(user.path("name").asText(user.path("id").asText()));
        if (password == null || !password.equals(user.path("password").asText())) {
            error(exchange, 401, "The request you have made requires authentication.", "Unauthorized");
            return;
        }
        String id = "gAAAAAB-token-" + tokensIssued.incrementAndGet();
        issued.add(id);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode token = tokenBody(body, new Token("u-" + user.path("name").asText(), null, List.of("admin"),
                now().plus(tokenLifetime)), user.path("name").asText());
        JsonNode scope = request.path("auth").path("scope");
        if (scope.has("system")) {
            token.putObject("system").put("all", true);
        } else if (scope.has("project")) {
            token.putObject("project").put("id", "p-service").put("name", scope.path("project").path("name")
                    .asText("service")).putObject("domain").put("id", "default").put("name", "Default");
        }
        token.set("catalog", catalog());
        exchange.getResponseHeaders().add("X-Subject-Token", id);
        send(exchange, 201, body);
    }

    private void validate(HttpExchange exchange, boolean withCatalog) throws IOException {
        validations.incrementAndGet();
        if (!validationDelay.isZero()) {
            try {
                Thread.sleep(validationDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Token token = tokens.get(exchange.getRequestHeaders().getFirst("X-Subject-Token"));
        if (token == null || token.expiresAt().isBefore(Instant.now())) {
            error(exchange, 404, "Could not find token.", "Not Found");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode described = tokenBody(body, token, "user-" + token.userId());
        described.putObject("project").put("id", token.projectId())
                .put("name", "p").putObject("domain").put("id", "default").put("name", "Default");
        if (withCatalog) {
            described.set("catalog", catalog());
        }
        send(exchange, 200, body);
    }

    private ObjectNode tokenBody(ObjectNode body, Token t, String userName) {
        ObjectNode token = body.putObject("token");
        token.putArray("methods").add("password");
        token.put("issued_at", now().toString()).put("expires_at", t.expiresAt().toString());
        token.putObject("user").put("id", t.userId()).put("name", userName).putObject("domain").put("id", "default")
                .put("name", "Default");
        ArrayNode roles = token.putArray("roles");
        t.roles().forEach(role -> roles.addObject().put("id", "r-" + role).put("name", role));
        token.put("is_domain", false);
        return token;
    }

    /** The catalog of every service with its endpoints, as tokens carry it. */
    private ArrayNode catalog() {
        ArrayNode catalog = JSON.createArrayNode();
        for (ObjectNode service : services) {
            ObjectNode entry = catalog.addObject().put("id", service.path("id").asText())
                    .put("type", service.path("type").asText()).put("name", service.path("name").asText());
            ArrayNode list = entry.putArray("endpoints");
            for (ObjectNode endpoint : endpoints) {
                if (endpoint.path("service_id").asText().equals(service.path("id").asText())) {
                    list.addObject().put("id", endpoint.path("id").asText())
                            .put("interface", endpoint.path("interface").asText())
                            .put("region", endpoint.path("region").asText())
                            .put("region_id", endpoint.path("region_id").asText())
                            .put("url", endpoint.path("url").asText());
                }
            }
        }
        return catalog;
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
