package org.glancej.imports.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * oslo.config's list and dict value syntax, as the import options declare it upstream: items split at commas,
 * stripped; a list declared with {@code quotes} loses the quotes around each item; a dict is {@code key:value}
 * pairs where a pair without a colon is joined to the next one with its comma, as oslo.config retries.
 */
final class OsloValues {
    private OsloValues() {}

    /** @throws IllegalArgumentException with oslo.config's reason when the value is malformed */
    static List<String> list(String raw, boolean quotes) {
        String value = raw.strip();
        while (value.endsWith(",")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        List<String> items = new ArrayList<>();
        if (value.isBlank()) {
            return items;
        }
        for (String item : value.split(",", -1)) {
            items.add(quotes ? unquote(item.strip()) : item.strip());
        }
        return items;
    }

    static Map<String, String> dict(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        String value = raw.strip();
        if (value.isEmpty()) {
            return result;
        }
        List<String> pairs = new ArrayList<>(List.of(value.split(",", -1)));
        while (!pairs.isEmpty()) {
            String pair = pairs.removeFirst();
            while (pair.indexOf(':') < 0) {
                if (pairs.isEmpty()) {
                    throw new IllegalArgumentException("Value should be NAME:VALUE pairs separated by \",\"");
                }
                pair += "," + pairs.removeFirst();
            }
            int colon = pair.indexOf(':');
            String key = pair.substring(0, colon).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Key name should not be empty");
            }
            if (result.containsKey(key)) {
                throw new IllegalArgumentException("Duplicate key " + key);
            }
            result.put(key, pair.substring(colon + 1).strip());
        }
        return result;
    }

    private static String unquote(String item) {
        if (item.length() >= 2 && (item.charAt(0) == '\'' || item.charAt(0) == '"')
                && item.charAt(item.length() - 1) == item.charAt(0)) {
            return item.substring(1, item.length() - 1);
        }
        if (!item.isEmpty() && (item.charAt(0) == '\'' || item.charAt(0) == '"')) {
            throw new IllegalArgumentException("Non-closed quote: " + item);
        }
        return item;
    }
}
