package org.glancej.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;

/**
 * A URL that passed the {@link UrlGuard}, with the addresses it was checked against. A client connects only to
 * these addresses, never resolving the host again, so the name cannot point elsewhere between check and
 * connection (DNS rebinding).
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host in ASCII, lower case, without a trailing dot; an IPv6 literal without brackets
 * @param literal whether the host is an IP literal rather than a name (no SNI is sent for literals)
 * @param port the port, explicit or the scheme's default
 * @param requestTarget the path and query as sent in the request line ({@code /} when empty); no fragment
 * @param addresses the checked addresses, in the resolver's order
 */
public record CheckedUrl(String scheme, String host, boolean literal, int port, String requestTarget, List<InetAddress> addresses) {
    public CheckedUrl {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(host, "host is null");
        requireNonNull(requestTarget, "requestTarget is null");
        addresses = List.copyOf(addresses);
    }

    public boolean https() {
        return scheme.equals("https");
    }

    /** The value of the {@code Host} header. */
    public String hostHeader() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(scheme) ? name : name + ":" + port;
    }

    /** The URL as the service fetches it: no user-info, no fragment. */
    public String url() {
        return scheme + "://" + hostHeader() + requestTarget;
    }

    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
