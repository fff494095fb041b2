package org.glancej.db;

import static java.util.Objects.requireNonNull;

/**
 * The database cannot be reached, read or written right now (server stopped, connection refused, disk full,
 * file missing or read-only); the same request may succeed once it is back. The work was rolled back, except
 * when a server connection broke during the commit itself: then only the server knows whether it committed.
 * {@link #reason()} is fit for clients; the message adds the driver's words for the log.
 */
public final class DatabaseUnavailableException extends DatabaseException {
    private final String reason;

    public DatabaseUnavailableException(String reason, String detail, Throwable cause) {
        super(requireNonNull(reason, "reason is null") + ": " + detail, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
