package org.glancej.quota;

/**
 * Keystone answered, but the limits configuration does not resolve there: the endpoint in {@code [oslo_limit]} or
 * its service or region is unknown or ambiguous, or the enforcement model is not {@code flat}. A server-side
 * misconfiguration: the request fails with a 500, as upstream's does. (Keystone unreachable or refusing the
 * service user is {@link org.glancej.keystone.KeystoneUnavailableException}, a 503.)
 */
public final class KeystoneLimitsException extends RuntimeException {
    public KeystoneLimitsException(String message) {
        super(message);
    }

    public KeystoneLimitsException(String message, Throwable cause) {
        super(message, cause);
    }
}
