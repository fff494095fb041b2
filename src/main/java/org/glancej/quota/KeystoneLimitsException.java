package org.glancej.quota;

/**
 * Keystone could not be asked for limits (unreachable, refused the service user, answered unexpectedly, or the
 * endpoint in {@code [oslo_limit]} does not resolve). A server-side misconfiguration or outage: the request
 * fails with a 500, as upstream's does.
 */
public final class KeystoneLimitsException extends RuntimeException {
    public KeystoneLimitsException(String message) {
        super(message);
    }

    public KeystoneLimitsException(String message, Throwable cause) {
        super(message, cause);
    }
}
