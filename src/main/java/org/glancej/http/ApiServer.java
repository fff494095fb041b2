package org.glancej.http;

import static java.util.Objects.requireNonNull;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;
import org.glancej.common.GlanceException;
import org.glancej.db.DatabaseUnavailableException;
import org.glancej.http.cors.CorsConfig;
import org.glancej.http.cors.CorsFilter;
import org.glancej.keystone.KeystoneUnavailableException;

/** Builds the HTTP server: cross-cutting filters, the features' routes, one error mapping, the fallback. */
public final class ApiServer {
    static final int MAX_REQUEST_LINE = 8192;
    /** What "no timeout" comes to for the web server, which always has one. */
    private static final Duration NEVER = Duration.ofDays(365 * 100);
    /**
     * How long a request waits for a handling thread before its own thread handles it: above the waits of a
     * fair queue under saturation (p99 under 0.6 s at 256 connections), short of what a blocked pool would cost.
     */
    private static final Duration HANDLING_PATIENCE = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final List<HttpService> services;
    private final Handler fallback;
    private final RequestContexts contexts;
    private final IntPredicate advertisedMinors;
    private final RequestsInFlight inFlight;
    private final CorsConfig cors;

    /**
     * @param services feature resources, each registering absolute paths
     * @param fallback answers paths no feature claims (upstream: versions document or 404)
     * @param inFlight counts the requests being served, for a graceful stop
     * @param cors which browser origins may call the API ({@code [cors]})
     */
    public ApiServer(ServerConfig config, RequestContexts contexts, List<HttpService> services, Handler fallback,
            IntPredicate advertisedMinors, RequestsInFlight inFlight, CorsConfig cors) {
        this.config = requireNonNull(config, "config is null");
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.services = List.copyOf(services);
        this.fallback = requireNonNull(fallback, "fallback is null");
        this.advertisedMinors = requireNonNull(advertisedMinors, "advertisedMinors is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        this.cors = requireNonNull(cors, "cors is null");
    }

    public WebServer start() {
        // outermost, as upstream's cors filter: its headers on every answer, errors included
        HttpRouting.Builder routing = HttpRouting.builder().addFilter(inFlight).addFilter(new CorsFilter(cors));
        if (config.activeRequests() > 0) {
            // under saturation, requests are served in arrival order (RequestThreads)
            routing.addFilter(new RequestThreads(config.activeRequests(), HANDLING_PATIENCE));
        }
        if (config.proxyHeaders()) {
            routing.addFilter(new ProxyHeaders());
        }
        routing
                .addFilter(new ConnectionClose(config.keepAlive()))
                .addFilter(new RequestIds(config.maxRequestIdLength()))
                .addFilter(new UrlText())
                .addFilter(new VersionPrefix(advertisedMinors))
                .addFilter(contexts)
                .error(GlanceException.class, (req, res, e) -> ErrorResponses.send(req, res, e))
                .error(DatabaseUnavailableException.class, ErrorResponses::sendDatabaseUnavailable)
                .error(KeystoneUnavailableException.class, ErrorResponses::sendKeystoneUnavailable)
                .error(Exception.class, ErrorResponses::sendUnexpected);
        services.forEach(routing::register);
        routing.any(fallback);
        return WebServer.builder()
                .host(config.bindHost())
                .port(config.bindPort())
                .routing(routing)
                // upstream's WSGI server takes request lines up to 8 KiB (it answers 414 beyond); 4 KiB by default here
                .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build())
                // client_socket_timeout and request_stall_timeout, as read timeouts on each connection's socket
                .addConnectionSelector(new Http1Connections(config.clientSocketTimeout(), config.requestReadTimeout()))
                // beyond this, connections wait in the listen backlog: each one served holds a thread and buffers
                .maxTcpConnections(config.maxConnections())
                // the web server's own idle check counts whole seconds from a request's start, and would close a
                // connection in use: the read timeouts above do that job
                .idleConnectionTimeout(NEVER)
                .idleConnectionPeriod(Duration.ofHours(1))
                .directHandlers(TransportErrors.all())
                // small JSON answers must not wait for the client's delayed ACK (about 40 ms on loopback)
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // blocking sockets hand each write to the kernel whole; Helidon's NIO sockets cut every
                // write into 8 KiB pieces, which held image downloads to half of upstream's rate
                .useNio(false)
                // the application stops the server itself, after letting uploads in flight finish
                .shutdownHook(false)
                .build()
                .start();
    }
}
