package org.glancej.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.glancej.net.HostSpelling.Host;

/**
 * Decides whether the service may fetch an http(s) URL a client gave it (a location, an import source), before
 * the URL is stored, before it is read and on every redirect. See the package documentation for what is
 * refused. The addresses returned are the only ones a client of this guard may connect to.
 */
public final class UrlGuard {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final int MAX_URL_LENGTH = 16 * 1024;

    private final UrlFilterOptions options;
    private final HostResolver resolver;

    public UrlGuard(UrlFilterOptions options, HostResolver resolver) {
        this.options = requireNonNull(options, "options is null");
        this.resolver = requireNonNull(resolver, "resolver is null");
    }

    /**
     * The URL with the addresses it may be fetched from.
     *
     * @throws UrlRefusedException if it must not be fetched, or its host does not resolve
     */
    public CheckedUrl check(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw UrlRefusedException.refused("the URL is empty or too long");
        }
        if (!url.chars().allMatch(c -> c > 0x20 && c != 0x7f && c != '\\')) {
            throw UrlRefusedException.refused("the URL contains spaces, control characters or backslashes");
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd > 0 ? url.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
        if (!SCHEME.matcher(scheme).matches()) {
            throw UrlRefusedException.refused("the URL has no scheme");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw UrlRefusedException.refused("only http and https URLs can be fetched, not " + scheme);
        }
        if (!options.schemeAllowed(scheme)) {
            throw UrlRefusedException.refused("the scheme " + scheme + " is not allowed by [import_filtering_opts]");
        }
        int authorityEnd = indexOfAny(url, schemeEnd + 3, "/?#");
        String authority = url.substring(schemeEnd + 3, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            throw UrlRefusedException.refused("URLs with user information (user@host) are not accepted");
        }
        int portStart = authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.lastIndexOf(':');
        String rawHost = portStart > 0 ? authority.substring(0, portStart) : authority;
        int port = portStart > 0 ? port(authority.substring(portStart + 1)) : CheckedUrl.defaultPort(scheme);
        if (rawHost.indexOf(':') >= 0 && !rawHost.startsWith("[")) {
            throw UrlRefusedException.refused("an IPv6 host must be written in brackets");
        }
        String target = requestTarget(url.substring(authorityEnd));

        Host host = HostSpelling.parse(rawHost);
        boolean listed = options.allowedHosts().contains(host.text());
        if (host.literal() && !listed) {
            InternalAddresses.kind(host.address()).ifPresent(kind -> {
                throw UrlRefusedException.refused("the URL's host " + host.text() + " is a " + kind + " address");
            });
        }
        if (!options.allowedHosts().isEmpty() && !listed) {
            throw UrlRefusedException.refused("the host " + host.text() + " is not in [import_filtering_opts] allowed_hosts");
        }
        if (options.disallowedHosts().contains(host.text())) {
            throw UrlRefusedException.refused("the host " + host.text() + " is in [import_filtering_opts] disallowed_hosts");
        }
        if (!options.portAllowed(port)) {
            throw UrlRefusedException.refused("the port " + port + " is not allowed by [import_filtering_opts]");
        }
        List<InetAddress> addresses = host.literal() ? List.of(host.address()) : resolve(host.text(), listed);
        return new CheckedUrl(scheme, host.text(), host.literal(), port, target, addresses);
    }

    /** The target of a redirect answered by {@code from}, checked as any URL. */
    public CheckedUrl checkRedirect(CheckedUrl from, String location) {
        if (location == null || location.isBlank()) {
            throw UrlRefusedException.refused("a redirect has no target");
        }
        String target = location.strip();
        if (target.startsWith("//")) {
            target = from.scheme() + ":" + target;
        } else if (!target.contains("://")) {
            try {
                target = new URI(from.url()).resolve(new URI(target)).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw UrlRefusedException.refused("a redirect target is malformed");
            }
        }
        return check(target);
    }

    private List<InetAddress> resolve(String name, boolean listed) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new UrlRefusedException(UrlRefusedException.Kind.UNRESOLVED, "the host " + name + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new UrlRefusedException(UrlRefusedException.Kind.UNRESOLVED, "the host " + name + " does not resolve");
        }
        if (!listed) {
            for (InetAddress address : addresses) {
                // the address itself is not named: it may tell a client about the internal network
                InternalAddresses.kind(address).ifPresent(kind -> {
                    throw UrlRefusedException.refused("the host " + name + " resolves to a " + kind + " address");
                });
            }
        }
        return addresses;
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw UrlRefusedException.refused("the URL's port is not a number");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw UrlRefusedException.refused("the URL's port is out of range");
        }
        return port;
    }

    /** Path and query as sent; the fragment stays with the client. */
    private static String requestTarget(String rest) {
        int fragment = rest.indexOf('#');
        String target = fragment >= 0 ? rest.substring(0, fragment) : rest;
        if (!target.chars().allMatch(c -> c < 0x80)) {
            throw UrlRefusedException.refused("the URL's path has characters that are not percent-encoded");
        }
        return target.startsWith("/") ? target : "/" + target;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
