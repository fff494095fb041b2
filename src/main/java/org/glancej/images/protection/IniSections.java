package org.glancej.images.protection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glancej.config.ConfigException;

/**
 * Reads a file the way Python's {@code configparser.ConfigParser()} with default settings does, which is how
 * upstream reads the property protection file (unlike glance-api.conf, which oslo.config reads): sections in
 * file order, a header runs from the first {@code [} to the last {@code ]} of its line; option names are lower
 * case; {@code =} or {@code :} separate; full-line {@code #}/{@code ;} comments only; deeper-indented lines
 * continue a value; {@code [DEFAULT]} supplies options missing from every other section; a repeated section or
 * option is an error. Of the {@code %} interpolation only {@code %%} is supported; other uses are refused.
 */
final class IniSections {
    private static final String DEFAULT_SECTION = "DEFAULT";

    private IniSections() {}

    record Section(String name, Map<String, String> options) {}

    /** The sections other than DEFAULT, in file order, each with DEFAULT's options filled in. */
    static List<Section> parse(String source, String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> defaults = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        String sectionName = null;
        List<String> value = null;
        int indentLevel = 0;
        int lineNo = 0;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            lineNo++;
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (stripped.isEmpty()) {
                if (value != null) {
                    value.add(""); // kept inside a multi-line value; trailing ones are trimmed at the end
                }
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (value != null && indent > indentLevel) {
                value.add(stripped);
                continue;
            }
            indentLevel = indent;
            int close = stripped.lastIndexOf(']');
            if (stripped.startsWith("[") && close >= 2) {
                sectionName = stripped.substring(1, close);
                if (sectionName.equals(DEFAULT_SECTION)) {
                    current = defaults;
                } else if (sections.containsKey(sectionName)) {
                    throw invalid(source, lineNo, "section [" + sectionName + "] appears twice");
                } else {
                    current = new LinkedHashMap<>();
                    sections.put(sectionName, current);
                }
                value = null;
                continue;
            }
            if (current == null) {
                throw invalid(source, lineNo, "an option before the first [section]");
            }
            int separator = firstSeparator(stripped);
            if (separator <= 0) {
                throw invalid(source, lineNo, "expected 'operation = value', got: " + stripped);
            }
            String option = stripped.substring(0, separator).strip().toLowerCase(Locale.ROOT);
            if (current.containsKey(option)) {
                throw invalid(source, lineNo, "option " + option + " appears twice in [" + sectionName + "]");
            }
            value = new ArrayList<>(List.of(stripped.substring(separator + 1).strip()));
            current.put(option, value);
        }
        List<Section> result = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> section : sections.entrySet()) {
            Map<String, String> options = new LinkedHashMap<>();
            defaults.forEach((k, v) -> options.put(k, join(source, v)));
            section.getValue().forEach((k, v) -> options.put(k, join(source, v)));
            result.add(new Section(section.getKey(), options));
        }
        return result;
    }

    private static int firstSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '=' || line.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String join(String source, List<String> lines) {
        String value = String.join("\n", lines).stripTrailing();
        if (value.replace("%%", "").contains("%")) {
            throw new ConfigException(source + ": '%' interpolation is not supported in: " + value);
        }
        return value.replace("%%", "%");
    }

    private static ConfigException invalid(String source, int lineNo, String why) {
        return new ConfigException(source + ":" + lineNo + ": " + why);
    }
}
