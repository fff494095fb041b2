package org.glancej.http.cors;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.glancej.config.ConfigFile;

/**
 * {@code [cors]}, as oslo.middleware's {@code cors} filter reads it with the defaults upstream Glance sets
 * ({@code glance.common.config.set_cors_middleware_defaults}): browsers on the listed origins (Horizon's direct
 * uploads) may call the API. No origin is allowed unless listed; {@code *} allows any.
 *
 * @param allowedOrigins {@code scheme://host[:port]} of each allowed origin
 * @param maxAge seconds a browser may keep a preflight answer; zero: no {@code Access-Control-Max-Age} (as upstream,
 *     any other value is sent as it is)
 */
public record CorsConfig(List<String> allowedOrigins, boolean allowCredentials, List<String> exposeHeaders,
        int maxAge, List<String> allowMethods, List<String> allowHeaders) {
    static final List<String> GLANCE_ALLOW_HEADERS = List.of("Content-MD5", "X-Image-Meta-Checksum",
            "X-Storage-Token", "Accept-Encoding", "X-Auth-Token", "X-Identity-Status", "X-Roles", "X-Service-Catalog",
            "X-User-Id", "X-Tenant-Id", "X-OpenStack-Request-ID");
    static final List<String> GLANCE_EXPOSE_HEADERS = List.of("X-Image-Meta-Checksum", "X-Auth-Token",
            "X-Subject-Token", "X-Service-Token", "X-OpenStack-Request-ID");
    static final List<String> GLANCE_ALLOW_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
    static final int DEFAULT_MAX_AGE = 3600;

    public CorsConfig {
        allowedOrigins = List.copyOf(requireNonNull(allowedOrigins, "allowedOrigins is null"));
        exposeHeaders = List.copyOf(requireNonNull(exposeHeaders, "exposeHeaders is null"));
        allowMethods = List.copyOf(requireNonNull(allowMethods, "allowMethods is null"));
        allowHeaders = List.copyOf(requireNonNull(allowHeaders, "allowHeaders is null"));
    }

    public static CorsConfig from(ConfigFile conf) {
        return new CorsConfig(
                conf.list("cors", "allowed_origin", List.of()),
                conf.bool("cors", "allow_credentials", true),
                conf.list("cors", "expose_headers", GLANCE_EXPOSE_HEADERS),
                conf.integer("cors", "max_age", DEFAULT_MAX_AGE, Integer.MIN_VALUE, Integer.MAX_VALUE),
                conf.list("cors", "allow_methods", GLANCE_ALLOW_METHODS),
                conf.list("cors", "allow_headers", GLANCE_ALLOW_HEADERS));
    }

    /** No origin allowed: the default. */
    public static CorsConfig none() {
        return from(ConfigFile.empty());
    }
}
