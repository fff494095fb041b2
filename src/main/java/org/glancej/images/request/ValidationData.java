package org.glancej.images.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glancej.common.GlanceException;
import org.glancej.images.data.digest.HashAlgorithm;

/**
 * The {@code validation_data} of added locations ({@code checksum}, {@code os_hash_algo}, {@code
 * os_hash_value}), checked as upstream does: values that agree with each other and with what the image already
 * has; new ones only for a queued image, well-formed hex of the right length for MD5 and the hashing algorithm.
 */
final class ValidationData {
    private static final Set<String> KEYS = Set.of("checksum", "os_hash_algo", "os_hash_value");

    private ValidationData() {}

    /** The values to set on the image (empty when everything given is already set); 409 on any conflict. */
    static Map<String, String> merge(ImageDraft image, List<Map<String, JsonNode>> given, String hashingAlgorithm) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, JsonNode> data : given) {
            for (Map.Entry<String, JsonNode> e : data.entrySet()) {
                if (!KEYS.contains(e.getKey())) {
                    throw GlanceException.badRequest("Invalid validation_data key " + e.getKey());
                }
                String value = e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString();
                String before = all.putIfAbsent(e.getKey(), value);
                if (before != null && !before.equals(value)) {
                    throw GlanceException.conflict("Conflicting values for " + e.getKey());
                }
            }
        }
        Map<String, String> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String current = current(image, e.getKey());
            if (e.getValue().equals(current)) {
                continue;
            }
            if (current != null && !current.isEmpty()) {
                throw GlanceException.conflict(e.getKey() + " is already set with a different value");
            }
            fresh.put(e.getKey(), e.getValue());
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        if (image.status != org.glancej.images.ImageStatus.QUEUED) {
            throw GlanceException.conflict("New value(s) for " + String.join(", ", fresh.keySet())
                    + " may only be provided when image status is 'queued'");
        }
        if (fresh.containsKey("checksum")) {
            requireHex(fresh.get("checksum"), "checksum", 16, "md5");
        }
        String algorithm = fresh.get("os_hash_algo");
        if (!hashingAlgorithm.equals(algorithm)) {
            throw GlanceException.conflict("os_hash_algo must be " + hashingAlgorithm + ", not " + (algorithm == null ? "None" : algorithm));
        }
        String value = fresh.get("os_hash_value");
        if (value == null) {
            throw GlanceException.conflict("os_hash_value (None) is not a valid hexadecimal value");
        }
        requireHex(value, "os_hash_value", HashAlgorithm.fromPython(algorithm).orElseThrow().digestBytes(), algorithm);
        return fresh;
    }

    private static String current(ImageDraft image, String key) {
        return switch (key) {
            case "checksum" -> image.checksum;
            case "os_hash_algo" -> image.osHashAlgo;
            default -> image.osHashValue;
        };
    }

    private static void requireHex(String value, String key, int bytes, String algorithm) {
        byte[] parsed;
        try {
            parsed = HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw GlanceException.conflict(key + " (" + value + ") is not a valid hexadecimal value");
        }
        if (parsed.length != bytes) {
            throw GlanceException.conflict(key + " (" + value + ") is not the correct size for " + algorithm
                    + " (should be " + bytes + " bytes)");
        }
    }
}
