package org.glancej.auth;

/** Keystone could not be asked, or gave no usable answer: callers get 503 and may retry. */
public final class KeystoneUnavailableException extends RuntimeException {
    public KeystoneUnavailableException(String message) {
        super(message);
    }
}
