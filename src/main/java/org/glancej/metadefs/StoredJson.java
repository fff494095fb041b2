package org.glancej.metadefs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code json_schema} columns: a JSON object as text (upstream's JSONEncodedDict; NULL and JSON null read as empty). */
final class StoredJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoredJson() {}

    static ObjectNode object(String text) {
        if (text == null || text.isEmpty()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node.isNull()) {
                return MAPPER.createObjectNode(); // upstream's loader stores an object without properties so
            }
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalStateException("json_schema column holds no JSON object: " + abbreviated(text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("json_schema column holds no valid JSON: " + abbreviated(text), e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
