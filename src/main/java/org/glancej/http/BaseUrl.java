package org.glancej.http;

import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;

/** {@code scheme://host[:port]} as the client addressed the service, for absolute links upstream emits. */
public final class BaseUrl {
    private BaseUrl() {}

    public static String of(ServerRequest req) {
        return of(req.requestedUri());
    }

    /** Like webob's {@code host_url}: the port is left out when it is the scheme's default. */
    public static String of(UriInfo uri) {
        String scheme = uri.scheme().toLowerCase(Locale.ROOT);
        String host = uri.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.port();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort || port <= 0 ? "" : ":" + port);
    }
}
