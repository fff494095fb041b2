package org.glancej.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.glancej.config.ConfigFile;

/**
 * Where the API listens and how long it waits for clients. Without authentication the service binds to loopback
 * unless {@code bind_host} says otherwise, so an unauthenticated admin API is never exposed by accident.
 *
 * @param clientSocketTimeout how long a kept-alive connection may wait for its next request
 *        ({@code [DEFAULT] client_socket_timeout}, upstream's 900 s); zero: forever
 * @param keepAlive whether connections stay open after a response ({@code [DEFAULT] http_keepalive})
 * @param bodyReadTimeout how long a request (its head or body) may go without a byte before it fails
 *        ({@code [api_server] request_stall_timeout}, ours); zero: forever
 * @param maxConnections connections served at once ({@code [api_server] max_connections}, ours); more wait in the
 *        listen backlog until one closes, which bounds the memory connections take
 * @param activeRequests requests handled at once, each on a thread of its own ({@code [api_server]
 *        max_active_requests}, ours); more wait their turn in arrival order; zero: each request on its
 *        connection's thread, in no particular order under saturation (image data transfers always are)
 * @param proxyHeaders whether links follow a reverse proxy's headers ({@code [oslo_middleware]
 *        enable_proxy_headers_parsing}, {@link ProxiedOrigin})
 * @param maxRequestIdLength the longest {@code X-Openstack-Request-ID} a client may send ({@code [DEFAULT]
 *        max_request_id_length}); zero: any length
 */
public record ServerConfig(String bindHost, int bindPort, Optional<String> publicEndpoint,
        Duration clientSocketTimeout, boolean keepAlive, Duration bodyReadTimeout, int maxConnections,
        int activeRequests, boolean proxyHeaders, int maxRequestIdLength) {
    public static final int DEFAULT_MAX_REQUEST_ID_LENGTH = 64;
    public static final Duration DEFAULT_CLIENT_SOCKET_TIMEOUT = Duration.ofSeconds(900);
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    /**
     * Enough to keep every core busy while some requests wait on the database. Measured with 256 clients on two
     * cores: 4 and 8 threads served show most (SQLite and MariaDB), 16 about as much as without them.
     */
    public static final int DEFAULT_ACTIVE_REQUESTS = 4 * Runtime.getRuntime().availableProcessors();

    public ServerConfig {
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(publicEndpoint, "publicEndpoint is null");
        requireNonNull(clientSocketTimeout, "clientSocketTimeout is null");
        requireNonNull(bodyReadTimeout, "bodyReadTimeout is null");
        if (clientSocketTimeout.isNegative() || bodyReadTimeout.isNegative() || maxConnections < 1
                || activeRequests < 0 || maxRequestIdLength < 0) {
            throw new IllegalArgumentException("negative timeout or no connections allowed");
        }
    }

    /** Upstream's defaults for everything but the address. */
    public ServerConfig(String bindHost, int bindPort, Optional<String> publicEndpoint) {
        this(bindHost, bindPort, publicEndpoint, DEFAULT_CLIENT_SOCKET_TIMEOUT, true, DEFAULT_BODY_READ_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_ACTIVE_REQUESTS, false, DEFAULT_MAX_REQUEST_ID_LENGTH);
    }

    public static ServerConfig from(ConfigFile conf, boolean authenticated) {
        String defaultHost = authenticated ? "0.0.0.0" : "127.0.0.1";
        return new ServerConfig(
                conf.string("DEFAULT", "bind_host", defaultHost).strip(),
                conf.integer("DEFAULT", "bind_port", 9292, 0, 65535),
                conf.raw("DEFAULT", "public_endpoint").map(String::strip).filter(s -> !s.isEmpty()),
                seconds(conf, "DEFAULT", "client_socket_timeout", DEFAULT_CLIENT_SOCKET_TIMEOUT),
                conf.bool("DEFAULT", "http_keepalive", true),
                seconds(conf, "api_server", "request_stall_timeout", DEFAULT_BODY_READ_TIMEOUT),
                conf.integer("api_server", "max_connections", DEFAULT_MAX_CONNECTIONS, 1, 1_000_000),
                conf.integer("api_server", "max_active_requests", DEFAULT_ACTIVE_REQUESTS, 0, 1_000_000),
                conf.bool("oslo_middleware", "enable_proxy_headers_parsing", false),
                conf.integer("DEFAULT", "max_request_id_length", DEFAULT_MAX_REQUEST_ID_LENGTH, 0, Integer.MAX_VALUE));
    }

    private static Duration seconds(ConfigFile conf, String section, String option, Duration defaultValue) {
        return Duration.ofSeconds(conf.integer(section, option, (int) defaultValue.toSeconds(), 0, Integer.MAX_VALUE));
    }

    /** How long a read inside a request may wait: the shorter of the two timeouts, zero if both are. */
    Duration requestReadTimeout() {
        if (clientSocketTimeout.isZero()) {
            return bodyReadTimeout;
        }
        return bodyReadTimeout.isZero() || clientSocketTimeout.compareTo(bodyReadTimeout) < 0
                ? clientSocketTimeout : bodyReadTimeout;
    }
}
