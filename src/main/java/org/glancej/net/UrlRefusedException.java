package org.glancej.net;

import static java.util.Objects.requireNonNull;

/**
 * A URL the {@link UrlGuard} will not let the service fetch. The message names the reason and at most the
 * URL's host, never its user-info part or path, so it may be shown to the client and logged.
 */
public final class UrlRefusedException extends RuntimeException {
    public enum Kind {
        /** The URL is malformed or names a host, address, scheme or port the operator does not allow. */
        REFUSED,
        /** The host name does not resolve (now): the URL may be fine, the name service is not. */
        UNRESOLVED
    }

    private final Kind kind;

    UrlRefusedException(Kind kind, String message) {
        super(message);
        this.kind = requireNonNull(kind, "kind is null");
    }

    static UrlRefusedException refused(String message) {
        return new UrlRefusedException(Kind.REFUSED, message);
    }

    public Kind kind() {
        return kind;
    }
}
