package org.glancej.http;

import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code scheme://host[:port]} as the client addressed the service, for absolute links upstream emits: through a
 * reverse proxy, as its headers say when the service reads them ({@link ProxiedOrigin}).
 */
public final class BaseUrl {
    private BaseUrl() {}

    /**
     * Like webob's {@code host_url}, which upstream joins a {@code Location} path to: without the proxy's path
     * prefix, as {@code urljoin} drops it for a path from the root.
     */
    public static String of(ServerRequest req) {
        return of(req.requestedUri(), proxied(req));
    }

    /** Like webob's {@code application_url}, the base of the versions document: with the proxy's path prefix. */
    public static String application(ServerRequest req) {
        Optional<ProxiedOrigin> proxied = proxied(req);
        return of(req.requestedUri(), proxied) + proxied.map(ProxiedOrigin::prefix).orElse("");
    }

    /** Like webob's {@code host_url}: the port is left out when it is the scheme's default. */
    public static String of(UriInfo uri) {
        return of(uri, Optional.empty());
    }

    private static Optional<ProxiedOrigin> proxied(ServerRequest req) {
        return req.context().get(ProxiedOrigin.class, ProxiedOrigin.class);
    }

    private static String of(UriInfo uri, Optional<ProxiedOrigin> proxied) {
        String scheme = proxied.flatMap(ProxiedOrigin::scheme).orElse(uri.scheme().toLowerCase(Locale.ROOT));
        Optional<String> forwardedHost = proxied.flatMap(ProxiedOrigin::host);
        String host;
        int port;
        if (forwardedHost.isPresent()) {
            String hostPort = forwardedHost.get();
            int colon = hostPort.lastIndexOf(':');
            boolean hasPort = colon > 0 && !hostPort.endsWith("]");
            host = hasPort ? hostPort.substring(0, colon) : hostPort;
            port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : -1;
        } else {
            host = uri.host();
            port = uri.port();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
        }
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort || port <= 0 ? "" : ":" + port);
    }
}
