package org.glancej.net;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Map;

/**
 * Follows redirects the way a URL a client gave must be followed: every hop's target passes the {@link UrlGuard}
 * before it is connected to, at most {@code maxRedirects} hops are taken, and header fields meant for the first
 * server (a token) are sent on only while the hops stay at the same scheme, host and port.
 */
public final class RedirectingFetch {
    /** More redirects than allowed, a loop among them. */
    public static final class TooManyRedirectsException extends IOException {
        TooManyRedirectsException(int max) {
            super("the URL exceeded " + max + " maximum redirects");
        }
    }

    private final UrlGuard guard;
    private final PinnedHttpClient client;
    private final int maxRedirects;

    public RedirectingFetch(UrlGuard guard, PinnedHttpClient client, int maxRedirects) {
        this.guard = requireNonNull(guard, "guard is null");
        this.client = requireNonNull(client, "client is null");
        this.maxRedirects = maxRedirects;
    }

    /**
     * The final answer (any status but a redirect); the caller closes it.
     *
     * @param first a URL the guard already accepted
     * @param headers sent on every hop
     * @param originHeaders sent only to {@code first}'s origin (credentials)
     * @throws UrlRefusedException if a redirect points where the guard refuses to go
     * @throws TooManyRedirectsException after {@code maxRedirects} hops
     * @throws IOException if a server cannot be reached or answers other than HTTP/1.x
     */
    public PinnedResponse fetch(CheckedUrl first, String method, Map<String, String> headers,
            Map<String, String> originHeaders) throws IOException {
        CheckedUrl target = first;
        for (int redirects = 0; ; redirects++) {
            Map<String, String> fields = headers;
            if (!originHeaders.isEmpty() && sameOrigin(first, target)) {
                fields = new java.util.LinkedHashMap<>(headers);
                fields.putAll(originHeaders);
            }
            PinnedResponse response = client.send(target, method, fields);
            if (!isRedirect(response.status())) {
                return response;
            }
            response.close();
            if (redirects == maxRedirects) {
                throw new TooManyRedirectsException(maxRedirects);
            }
            target = guard.checkRedirect(target, response.header("location").orElse(""));
        }
    }

    private static boolean sameOrigin(CheckedUrl a, CheckedUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
