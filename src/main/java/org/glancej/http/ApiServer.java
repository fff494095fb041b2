package org.glancej.http;

import static java.util.Objects.requireNonNull;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import org.glancej.common.GlanceException;

/** Builds the HTTP server: cross-cutting filters, the features' routes, one error mapping, the fallback. */
public final class ApiServer {
    private final ServerConfig config;
    private final List<HttpService> services;
    private final Handler fallback;
    private final RequestContexts contexts;
    private final int maxMinorVersion;

    /**
     * @param services feature resources, each registering absolute paths
     * @param fallback answers paths no feature claims (upstream: versions document or 404)
     */
    public ApiServer(ServerConfig config, RequestContexts contexts, List<HttpService> services, Handler fallback,
            int maxMinorVersion) {
        this.config = requireNonNull(config, "config is null");
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.services = List.copyOf(services);
        this.fallback = requireNonNull(fallback, "fallback is null");
        this.maxMinorVersion = maxMinorVersion;
    }

    public WebServer start() {
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestIds())
                .addFilter(new VersionPrefix(maxMinorVersion))
                .addFilter(contexts)
                .error(GlanceException.class, (req, res, e) -> ErrorResponses.send(req, res, e))
                .error(Exception.class, ErrorResponses::sendUnexpected);
        services.forEach(routing::register);
        routing.any(fallback);
        return WebServer.builder()
                .host(config.bindHost())
                .port(config.bindPort())
                .routing(routing)
                .build()
                .start();
    }
}
