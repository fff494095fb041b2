package org.glancej.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses oslo.config's INI dialect: {@code [section]} headers, {@code key = value} or {@code key: value},
 * {@code #}/{@code ;} comment lines, indented continuation lines (joined with a newline) and values wrapped
 * in matching quotes. A repeated key keeps every value in order, so multi-valued options can read them all.
 */
final class IniParser {
    private IniParser() {}

    /** Adds the file's options to {@code into}: section name → option name → values in file order. */
    static void parse(String source, String text, Map<String, Map<String, List<String>>> into) {
        String section = null;
        List<String> current = null;
        StringBuilder continued = null;
        int lineNo = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continued = null;
                continue;
            }
            char first = line.charAt(0);
            if (first == '#' || first == ';') {
                continue;
            }
            if (Character.isWhitespace(first) && continued != null) {
                continued.append('\n').append(line.strip());
                current.set(current.size() - 1, unquote(continued.toString()));
                continue;
            }
            String stripped = line.strip();
            if (stripped.startsWith("[")) {
                if (!stripped.endsWith("]") || stripped.length() < 3) {
                    throw new ConfigException(source + ":" + lineNo + ": invalid section header: " + stripped);
                }
                section = stripped.substring(1, stripped.length() - 1).strip();
                into.computeIfAbsent(section, k -> new LinkedHashMap<>());
                continued = null;
                continue;
            }
            int sep = separator(stripped);
            if (sep <= 0) {
                throw new ConfigException(source + ":" + lineNo + ": expected 'key = value', got: " + stripped);
            }
            if (section == null) {
                throw new ConfigException(source + ":" + lineNo + ": option outside of any [section]");
            }
            String key = stripped.substring(0, sep).strip();
            String value = stripped.substring(sep + 1).strip();
            current = into.get(section).computeIfAbsent(key, k -> new ArrayList<>());
            current.add(unquote(value));
            continued = new StringBuilder(value);
        }
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char q = value.charAt(0);
            if ((q == '"' || q == '\'') && value.charAt(value.length() - 1) == q) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
