package org.glancej.store;

import static java.util.Objects.requireNonNull;

/** A store failure, typed so the service can answer as upstream does (404, 413, 503...). */
public final class StoreException extends RuntimeException {
    public enum Reason { NOT_FOUND, STORAGE_FULL, UNAVAILABLE, BAD_LOCATION }

    private final Reason reason;

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public StoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
