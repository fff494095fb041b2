package org.glancej.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheme, host and path prefix a client used to reach the service through a reverse proxy, read from the
 * headers the proxy adds as oslo.middleware's {@code http_proxy_to_wsgi} reads them: the first element of an
 * RFC 7239 {@code Forwarded} header ({@code proto}, {@code host}), else {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host}; {@code X-Forwarded-Prefix} either way. Only with {@code [oslo_middleware]
 * enable_proxy_headers_parsing} ({@link ProxyHeaders}): a client could forge them.
 *
 * <p>A value no URL could hold is ignored (a scheme other than http or https, a host with a path, user or
 * space, a prefix not starting with a slash), where upstream builds a broken link from it; a quoted RFC 7239
 * value is unquoted, where upstream keeps the quotes; of an {@code X-Forwarded-*} list that several proxies
 * appended to ({@code https, http}), the first is read, where upstream takes the whole list as one value.
 *
 * @param scheme the client's scheme, when the proxy said
 * @param host the client's {@code host[:port]}, when the proxy said
 * @param prefix the path the proxy serves the service under ({@code /image}), or empty
 */
public record ProxiedOrigin(Optional<String> scheme, Optional<String> host, String prefix) {
    static final HeaderName FORWARDED = HeaderNames.create("Forwarded");
    static final HeaderName FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");
    static final HeaderName FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");
    static final HeaderName FORWARDED_PREFIX = HeaderNames.create("X-Forwarded-Prefix");
    /** A host name, IPv4 or bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(:[0-9]{1,5})?");
    private static final Pattern PREFIX = Pattern.compile("/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*");

    /** What the request's proxy headers say. */
    public static ProxiedOrigin of(Headers headers) {
        Optional<String> proto;
        Optional<String> host;
        Optional<String> forwarded = headers.first(FORWARDED);
        if (forwarded.isPresent()) {
            // the first proxy's element: the one nearest the client
            String first = forwarded.get().split(",", -1)[0];
            proto = parameter(first, "proto");
            host = parameter(first, "host");
        } else {
            proto = headers.first(FORWARDED_PROTO).map(ProxiedOrigin::firstOfList);
            host = headers.first(FORWARDED_HOST).map(ProxiedOrigin::firstOfList);
        }
        return new ProxiedOrigin(
                proto.map(String::strip).map(s -> s.toLowerCase(Locale.ROOT))
                        .filter(s -> s.equals("http") || s.equals("https")),
                host.map(String::strip).filter(s -> HOST.matcher(s).matches()),
                headers.first(FORWARDED_PREFIX).map(ProxiedOrigin::firstOfList).map(String::strip)
                        .filter(s -> PREFIX.matcher(s).matches())
                        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).orElse(""));
    }

    /** The first of a comma-separated list, as proxies each append theirs: the one nearest the client. */
    private static String firstOfList(String value) {
        return value.split(",", -1)[0];
    }

    /** One RFC 7239 parameter of a {@code Forwarded} element, names compared in any case, quotes removed. */
    private static Optional<String> parameter(String element, String name) {
        for (String pair : element.split(";", -1)) {
            int equals = pair.indexOf('=');
            String key = (equals < 0 ? pair : pair.substring(0, equals)).strip();
            if (key.equalsIgnoreCase(name) && equals >= 0) {
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value).filter(v -> !v.isEmpty());
            }
        }
        return Optional.empty();
    }
}
