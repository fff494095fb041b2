package org.glancej.http.cors;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cross-origin requests as oslo.middleware's {@code cors} filter answers them, outermost in upstream's pipeline
 * (everything but {@code /healthcheck}): an {@code OPTIONS} request is answered 200 with an empty body before
 * authentication (upstream's filter turns whatever the rest answered into that), with the preflight headers when
 * its origin, method and headers are allowed; any other request from an allowed origin gets the origin
 * headers on its answer, errors included. A request from an origin not listed gets none.
 */
public final class CorsFilter implements Filter {
    static final HeaderName ORIGIN = HeaderNames.create("Origin");
    static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    static final HeaderName ALLOW_CREDENTIALS = HeaderNames.create("Access-Control-Allow-Credentials");
    static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
    static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
    static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
    /** The headers a preflight may always name (oslo.middleware's "simple headers"). */
    private static final List<String> SIMPLE_HEADERS = List.of("Accept", "Accept-Language", "Content-Type",
            "Cache-Control", "Content-Language", "Expires", "Last-Modified", "Pragma");

    private final CorsConfig config;
    private final Set<String> permittedHeaders;

    public CorsFilter(CorsConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.permittedHeaders = Stream.concat(config.allowHeaders().stream(), SIMPLE_HEADERS.stream())
                .map(h -> h.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.path().rawPath().equals("/healthcheck")) {
            chain.proceed(); // served beside upstream's pipeline, not through it
            return;
        }
        Optional<String> origin = allowed(req.headers().first(ORIGIN));
        if (req.prologue().method() == Method.OPTIONS) {
            origin.ifPresent(o -> preflight(req, res, o));
            res.status(Status.OK_200).send();
            return;
        }
        origin.ifPresent(o -> {
            originHeaders(res, o);
            if (!config.exposeHeaders().isEmpty()) {
                res.header(EXPOSE_HEADERS, String.join(",", config.exposeHeaders()));
            }
        });
        chain.proceed();
    }

    /** The origin to answer with: the request's when listed, {@code *} when any is allowed, else none. */
    private Optional<String> allowed(Optional<String> origin) {
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        if (config.allowedOrigins().contains(origin.get())) {
            return origin;
        }
        return config.allowedOrigins().contains("*") ? Optional.of("*") : Optional.empty();
    }

    /** What every answer to an allowed origin carries, preflight or not. */
    private void originHeaders(RoutingResponse res, String origin) {
        res.header(HeaderNames.VARY, "Origin");
        res.header(ALLOW_ORIGIN, origin);
        if (config.allowCredentials()) {
            res.header(ALLOW_CREDENTIALS, "true");
        }
    }

    /** The preflight headers, when the method and every header asked for are allowed. */
    private void preflight(RoutingRequest req, RoutingResponse res, String origin) {
        Optional<String> method = req.headers().first(REQUEST_METHOD);
        if (method.isEmpty() || !config.allowMethods().contains(method.get())) {
            return;
        }
        List<String> headers = new ArrayList<>();
        for (String header : req.headers().first(REQUEST_HEADERS).orElse("").split(",")) {
            if (!header.isBlank()) {
                headers.add(header.strip());
            }
        }
        if (!headers.stream().allMatch(h -> permittedHeaders.contains(h.toUpperCase(Locale.ROOT)))) {
            return;
        }
        originHeaders(res, origin);
        if (config.maxAge() != 0) {
            res.header(MAX_AGE, Integer.toString(config.maxAge()));
        }
        res.header(ALLOW_METHODS, method.get());
        if (!headers.isEmpty()) {
            res.header(ALLOW_HEADERS, String.join(",", headers));
        }
    }
}
