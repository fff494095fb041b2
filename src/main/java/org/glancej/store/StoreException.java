package org.glancej.store;

import static java.util.Objects.requireNonNull;

/**
 * A store failure, typed so the service can answer as upstream does. The message is shown to clients: it names
 * the store and what went wrong, never a location URL or a credential.
 */
public final class StoreException extends RuntimeException {
    public enum Reason {
        /** The data is not there (404). */
        NOT_FOUND,
        /** The backend has no room, or the store's quota is reached (413). */
        STORAGE_FULL,
        /** The backend cannot be reached or failed (503). */
        UNAVAILABLE,
        /** The location is not one this store serves, or is malformed (400/409 by caller). */
        BAD_LOCATION,
        /** Other data depends on this data, e.g. an RBD snapshot with clones (409). */
        IN_USE,
        /** The store does not take writes or deletions (403/400 by caller). */
        READ_ONLY
    }

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
