package org.glancej.images.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * One parsed JSON-patch operation on an image.
 *
 * @param path the decoded JSON pointer: one segment, or two for {@code /locations/N}
 * @param value the operation's value; null for {@link Op#REMOVE}
 */
public record PatchOperation(Op op, List<String> path, JsonNode value) {
    public enum Op {
        ADD, REMOVE, REPLACE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PatchOperation {
        requireNonNull(op, "op is null");
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if ((value == null) != (op == Op.REMOVE)) {
            throw new IllegalArgumentException(op.wire() + " needs a value exactly when it is not remove");
        }
    }

    /** The attribute or property the operation targets. */
    public String target() {
        return path.getFirst();
    }
}
