package org.glancej.images.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.glancej.images.ImagesConfig;

/** Test helpers: JSON written with single quotes, and the default image schema. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final ImagesConfig CONFIG = new ImagesConfig(25, 1000, 1L << 40, false, "sha512",
            ImagesConfig.DEFAULT_DISK_FORMATS, ImagesConfig.DEFAULT_CONTAINER_FORMATS);
    static final ImageSchema SCHEMA = ImageSchema.of(CONFIG);

    private Json() {}

    /** Parses JSON in which {@code '} stands for {@code "} (so test bodies need no escaping). */
    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Parses JSON as written. */
    static JsonNode rawJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String repeat(char c, int count) {
        return String.valueOf(c).repeat(count);
    }

    static List<String> list(String... values) {
        return List.of(values);
    }
}
