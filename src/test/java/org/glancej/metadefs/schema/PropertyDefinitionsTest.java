package org.glancej.metadefs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

/** Definitions kept as upstream's model (wsme) keeps them; each case checked against upstream Zed. */
class PropertyDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void attributesComeInTheModelsOrderWithTheirTypes() throws Exception {
        assertThat(PropertyDefinitions.fromRequest(json("""
                {"minimum": 1.9, "maxItems": 2.7, "default": 3, "title": "t", "type": "integer",
                 "readonly": "true", "uniqueItems": 0}""")).toString())
                .isEqualTo("{\"type\":\"integer\",\"title\":\"t\",\"default\":\"3\",\"readonly\":true,"
                        + "\"minimum\":1,\"uniqueItems\":false,\"maxItems\":2}");
    }

    @Test
    void defaultsBecomeTextAsUpstreamStoresThem() throws Exception {
        assertThat(PropertyDefinitions.fromRequest(json("{\"type\": \"string\", \"title\": \"t\", \"default\": true}"))
                .get("default").asText()).isEqualTo("True");
        assertThat(PropertyDefinitions.fromRequest(json("{\"type\": \"string\", \"title\": \"t\", \"default\": 1.5}"))
                .get("default").asText()).isEqualTo("1.5");
        assertThat(PropertyDefinitions.fromRequest(json("{\"type\": \"string\", \"title\": \"t\", \"default\": [1]}"))
                .get("default").isNull()).isTrue();
        assertThatThrownBy(() -> PropertyDefinitions.fromRequest(
                json("{\"type\": \"string\", \"title\": \"t\", \"default\": \"é\"}")))
                .isInstanceOf(GlanceException.class).hasMessageStartingWith("Error decoding your request.");
    }

    @Test
    void whatUpstreamsModelCannotConvertIsA400() throws Exception {
        assertThatThrownBy(() -> PropertyDefinitions.fromRequest(
                json("{\"type\": \"string\", \"title\": \"t\", \"enum\": [\"a\", 1]}")))
                .isInstanceOf(GlanceException.class)
                .hasMessage("Invalid input for field/attribute enum. Value: '['a', 1]'. Wrong type."
                        + " Expected '<class 'str'>', got '<class 'int'>'");
        assertThatThrownBy(() -> PropertyDefinitions.fromRequest(
                json("{\"type\": \"string\", \"title\": \"t\", \"items\": {\"enum\": [\"a\"]}}")))
                .hasMessage("Invalid input for field/attribute type. Value: 'None'. Mandatory field missing.");
        assertThatThrownBy(() -> PropertyDefinitions.fromRequest(
                json("{\"type\": \"string\", \"title\": \"t\", \"zzz\": 1}")))
                .hasMessage("Unknown attribute for argument property_type: zzz");
    }

    @Test
    void storedDefinitionsAreReadLeniently() throws Exception {
        assertThat(PropertyDefinitions.fromStorage(json(
                "{\"type\": \"string\", \"title\": \"t\", \"zzz\": 1, \"enum\": [1], \"items\": {\"type\": \"string\"}}"))
                .toString()).isEqualTo("{\"type\":\"string\",\"title\":\"t\",\"items\":{\"type\":\"string\"}}");
    }
}
