package org.glancej.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.config.ConfigException;

/**
 * An operator's policy file: a YAML (or JSON, which YAML reads too) mapping of rule names to check
 * strings or legacy lists of lists.
 *
 * <p>A rule given no value is refused, where oslo.policy would let everyone through: in YAML an unquoted
 * {@code !} (meant as "nobody") reads as no value at all, and silently opening an operation is the worst
 * way to misread a policy file. Operators write {@code ""} for "everyone".
 */
final class PolicyFile {
    private static final ObjectMapper YAML = new YAMLMapper();

    private PolicyFile() {
    }

    static Map<String, Check> load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read policy file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The rules of a policy file's text, in file order; later duplicates win, as in PyYAML. */
    static Map<String, Check> parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new ConfigException("policy file " + source + " is not valid YAML or JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new ConfigException("policy file " + source + " must map rule names to check strings");
        }
        Map<String, Check> rules = new LinkedHashMap<>();
        root.properties().forEach(entry -> rules.put(entry.getKey(), rule(entry.getKey(), entry.getValue(), source)));
        return Collections.unmodifiableMap(rules);
    }

    private static Check rule(String name, JsonNode value, String source) {
        if (value.isNull()) {
            throw new ConfigException("policy file " + source + ": rule '" + name + "' has no value; quote it: "
                    + "\"!\" denies everyone, \"\" allows everyone");
        }
        if (value.isTextual()) {
            return CheckParser.parse(value.asText());
        }
        if (value.isArray()) {
            return CheckParser.parseList(listOf(value));
        }
        throw new ConfigException("policy file " + source + ": rule '" + name
                + "' must be a check string or a list of lists of checks, not " + value);
    }

    private static List<Object> listOf(JsonNode array) {
        List<Object> items = new ArrayList<>();
        for (JsonNode item : array) {
            items.add(item.isArray() ? listOf(item) : item.isTextual() ? item.asText() : item.toString());
        }
        return items;
    }
}
