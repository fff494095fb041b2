package org.glancej.metadefs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.glancej.common.GlanceException;
import org.glancej.db.ColumnCollation;
import org.glancej.metadefs.schema.SchemaValidator;

/**
 * Checks every metadef write shares: upstream's schema validation and read-only attributes, then what the
 * tables can store the same way on every database (no 4-byte characters in MariaDB's utf8mb3, names within
 * their VARCHAR(80), text within a TEXT column), and names MariaDB's collation would take for equal.
 */
public final class MetadefInput {
    /** {@code VARCHAR(80)} name columns. */
    public static final int MAX_NAME = 80;
    /** MariaDB's TEXT holds 65,535 bytes. */
    private static final int MAX_TEXT_BYTES = 65_535;

    private MetadefInput() {}

    /**
     * A body that is no JSON object is a 400 (upstream's words for scalars; upstream answers a list with 500),
     * else 403 for a read-only attribute, as upstream checks it before the schema.
     */
    public static void refuseReadOnly(JsonNode body, List<String> readOnly) {
        if (!body.isObject() && !body.isArray()) {
            throw GlanceException.badRequest("Unexpected body type. Expected list/dict.");
        }
        if (body.isArray()) {
            throw GlanceException.badRequest("Unexpected body type. Expected dict.");
        }
        {
            for (String key : readOnly) {
                if (body.has(key)) {
                    throw GlanceException.forbidden("Attribute '" + key + "' is read-only.");
                }
            }
        }
    }

    /** 400 with jsonschema's message when {@code body} does not match. */
    public static void validate(SchemaValidator schema, JsonNode body) {
        schema.firstViolation(body).ifPresent(message -> {
            throw GlanceException.badRequest(message);
        });
    }

    /** Refuses characters outside the Basic Multilingual Plane anywhere in the document. */
    public static void requireStorable(JsonNode node) {
        if (node.isTextual()) {
            requireStorable(node.textValue());
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                requireStorable(field.getKey());
                requireStorable(field.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(MetadefInput::requireStorable);
        }
    }

    public static void requireStorable(String text) {
        if (text.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
            throw GlanceException.badRequest("Metadata definitions can't contain 4 byte unicode characters.");
        }
    }

    /** A name going into a VARCHAR(80) column that the schema did not bound already. */
    public static void requireName(String what, String name) {
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw GlanceException.badRequest(what + " name is too long: at most " + MAX_NAME + " characters.");
        }
    }

    /** Text going into a TEXT column (descriptions, property definitions). */
    public static void requireText(String what, String text) {
        if (text != null && text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw GlanceException.badRequest(what + " is too long: at most " + MAX_TEXT_BYTES + " bytes.");
        }
    }

    /** Whether {@code name} equals one of {@code existing} as MariaDB compares names (case, accents, spaces). */
    public static boolean collides(Collection<String> existing, String name) {
        String key = ColumnCollation.key(name);
        return existing.stream().anyMatch(other -> ColumnCollation.key(other).equals(key));
    }
}
