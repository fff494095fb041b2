package org.glancej.metadefs.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the members of a definition file, each failure naming the file and the member's path
 * (e.g. {@code objects[2].name}). Text must be storable in every database: no NUL, no unpaired surrogate, no
 * character outside the Basic Multilingual Plane (MariaDB's utf8mb3 columns refuse those), at most the column's
 * length in characters.
 */
final class Members {
    private final Path file;

    Members(Path file) {
        this.file = file;
    }

    Item root(JsonNode root) {
        return new Item("", root);
    }

    /** The objects of a list member; empty when the member is absent or null, as upstream treats it. */
    List<Item> objectList(JsonNode parent, String member) {
        JsonNode list = parent.get(member);
        List<Item> items = new ArrayList<>();
        if (list == null || list.isNull()) {
            return items;
        }
        if (!list.isArray()) {
            throw wrong(member, "must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = member + "[" + i + "]";
            if (!list.get(i).isObject()) {
                throw wrong(path, "must be an object");
            }
            items.add(new Item(path + ".", list.get(i)));
        }
        return items;
    }

    /** A key of an object member used as a name (property names). */
    void checkName(String member, String name, int maxLength) {
        checkText(member + "." + name, name, maxLength);
        if (name.isEmpty()) {
            throw wrong(member, "has an empty property name");
        }
    }

    DefinitionFileException wrong(String path, String problem) {
        return new DefinitionFileException(file, "\"" + path + "\" " + problem);
    }

    private void checkText(String path, String value, int maxLength) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw wrong(path, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw wrong(path, "contains NUL (U+0000)");
            }
            if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                throw wrong(path, pair
                        ? "contains U+%X, outside the Basic Multilingual Plane".formatted(value.codePointAt(i))
                        : "contains an unpaired surrogate U+%04X".formatted((int) c));
            }
        }
    }

    /** One JSON object of the file and its path prefix. */
    final class Item {
        private final String prefix;
        private final JsonNode node;

        private Item(String prefix, JsonNode node) {
            this.prefix = prefix;
            this.node = node;
        }

        JsonNode node() {
            return node;
        }

        /** The item's path with a trailing dot, e.g. {@code objects[2].}; empty for the document. */
        String path() {
            return prefix;
        }

        /** A required, non-empty string. */
        String name(String member, int maxLength) {
            String value = text(member, maxLength);
            if (value == null || value.isEmpty()) {
                throw wrong(prefix + member, "is required and must be a non-empty string");
            }
            return value;
        }

        /** An optional string: null when absent or null. */
        String text(String member, int maxLength) {
            JsonNode value = node.get(member);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw wrong(prefix + member, "must be a string");
            }
            checkText(prefix + member, value.textValue(), maxLength);
            return value.textValue();
        }

        /** An optional boolean: null when absent or null. */
        Boolean bool(String member) {
            JsonNode value = node.get(member);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw wrong(prefix + member, "must be true or false");
            }
            return value.booleanValue();
        }
    }
}
