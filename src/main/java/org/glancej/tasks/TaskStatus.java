package org.glancej.tasks;

import java.util.Locale;
import java.util.Optional;

/** A task's status, as upstream's task state machine: pending, then processing, then success or failure. */
public enum TaskStatus {
    PENDING, PROCESSING, SUCCESS, FAILURE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE;
    }

    public static Optional<TaskStatus> fromWire(String value) {
        for (TaskStatus status : values()) {
            if (status.wire().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
