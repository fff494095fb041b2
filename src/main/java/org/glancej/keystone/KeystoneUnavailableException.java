package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

/**
 * Keystone gave no usable answer: it could not be reached, it refused what this service asked (its own
 * credentials, or a caller's token where a success was needed), or it answered with something that is not
 * Keystone's API. Requests that need Keystone get a 503 and may retry.
 */
public final class KeystoneUnavailableException extends RuntimeException {
    public enum Reason {
        /** Connection refused or reset, a timeout, or a 5xx answer after the configured retries. */
        UNREACHABLE,
        /** A 4xx answer where a success was needed: wrong credentials, a refused or expired token, no permission. */
        REFUSED,
        /** An answer that is not what Keystone's v3 API documents (not JSON, no token id, no expiry). */
        BAD_ANSWER
    }

    private final Reason reason;
    private final int status;

    public KeystoneUnavailableException(Reason reason, int status, String message) {
        super(message);
        this.reason = requireNonNull(reason, "reason is null");
        this.status = status;
    }

    public KeystoneUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.status = 0;
    }

    public Reason reason() {
        return reason;
    }

    /** Keystone's HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
