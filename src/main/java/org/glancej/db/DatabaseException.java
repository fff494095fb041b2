package org.glancej.db;

/** A database failure the caller cannot fix by changing its request: connection lost, bad SQL, schema missing. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
