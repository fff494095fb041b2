package org.glancej.db;

import static java.util.Objects.requireNonNull;

/** The database holds a schema this service will not work on; the message tells the operator what to do. */
public final class SchemaException extends DatabaseException {
    private final SchemaState state;

    public SchemaException(SchemaState state, String message) {
        super(message);
        this.state = requireNonNull(state, "state is null");
    }

    public SchemaState state() {
        return state;
    }
}
