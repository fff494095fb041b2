package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.Json.CONFIG;
import static org.glancej.images.request.Json.json;
import static org.glancej.images.request.Json.rawJson;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.junit.jupiter.api.Test;

class ImageSchemaTest {
    @Test
    void customPropertyMayNotRedefineABaseOne() {
        assertThatThrownBy(() -> ImageSchema.of(CONFIG, Map.of("name", PropertySchema.string())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("custom properties (name) conflict with base properties");
    }

    @Test
    void schemaImageJsonMustBeAnObjectOfObjects() {
        assertThatThrownBy(() -> ImageSchema.customProperties(rawJson("[]"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ImageSchema.customProperties(rawJson("{\"a\": 5}")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void customPropertiesAreCheckedAfterBaseOnesAndBeforeOtherExtras() {
        ImageSchema schema = ImageSchema.of(CONFIG, ImageSchema.customProperties(rawJson(
                "{\"os_version\": {\"type\": \"string\", \"maxLength\": 3, \"description\": \"ignored\"}}")));

        assertThat(schema.firstViolation((ObjectNode) json("{'zz': 1, 'os_version': 2, 'min_ram': 'x'}")))
                .contains("'x' is not of type 'integer'");
        assertThat(schema.firstViolation((ObjectNode) json("{'zz': 1, 'os_version': 2}")))
                .contains("2 is not of type 'string'");
        assertThat(schema.firstViolation((ObjectNode) json("{'zz': 1, 'os_version': '1234'}")))
                .contains("1 is not of type 'string'");
        assertThat(schema.firstViolation((ObjectNode) json("{'os_version': '1234'}"))).contains("'1234' is too long");
    }

    @Test
    void customArrayAndObjectKeywordsAreSupported() {
        ImageSchema schema = ImageSchema.of(CONFIG, ImageSchema.customProperties(rawJson("""
                {"x_list": {"type": "array", "items": {"type": "string", "minLength": 2}},
                 "x_obj": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"],
                           "additionalProperties": false}}""")));

        assertThat(schema.firstViolation((ObjectNode) json("{'x_list': ['ab', 'c']}"))).contains("'c' is too short");
        assertThat(schema.firstViolation((ObjectNode) json("{'x_obj': {'b': 1}}")))
                .contains("'a' is a required property");
        assertThat(schema.firstViolation((ObjectNode) json("{'x_obj': {'a': 'v', 'c': 1, 'b': 2}}")))
                .contains("Additional properties are not allowed ('b', 'c' were unexpected)");
    }

    @Test
    void customPatternsSearchLikePython() {
        ImageSchema schema = ImageSchema.of(CONFIG, ImageSchema.customProperties(rawJson(
                "{\"arch\": {\"type\": \"string\", \"pattern\": \"86\"}}")));

        assertThat(schema.firstViolation((ObjectNode) json("{'arch': 'x86_64'}"))).isEmpty();
        assertThat(schema.firstViolation((ObjectNode) json("{'arch': 'arm'}"))).contains("'arm' does not match '86'");
    }

    @Test
    void validDocumentHasNoViolation() {
        assertThat(ImageSchema.of(CONFIG).firstViolation((ObjectNode) json("{'name': 'n', 'tags': ['a'], 'x': 'y',"
                + " 'min_ram': 1, 'disk_format': null, 'locations': [{'url': 'u', 'metadata': {},"
                + " 'validation_data': {'os_hash_algo': 'sha512', 'os_hash_value': 'ab'}}]}"))).isEmpty();
    }

    @Test
    void theBasePropertiesAreTheServedDocumentsWithTheWholeIdMatched() {
        ImageSchema schema = ImageSchema.of(CONFIG);
        ObjectNode id = JsonNodeFactory.instance.objectNode().put("id", "0a1b2c3d-0000-4000-8000-00000000000f");

        assertThat(schema.firstViolation(id)).isEmpty();
        // re.search, as the document's pattern is read, would let a trailing newline pass
        assertThat(schema.firstViolation(id.put("id", id.get("id").asText() + "\n"))).hasValueSatisfying(
                message -> assertThat(message).contains("does not match"));
        assertThat(schema.firstViolation((ObjectNode) json("{'status': 'pending_delete'}"))).isEmpty();
        assertThat(schema.firstViolation((ObjectNode) json("{'status': 'gone'}"))).contains(
                "'gone' is not one of ['queued', 'saving', 'active', 'killed', 'deleted', 'uploading', 'importing',"
                        + " 'pending_delete', 'deactivated']");
        assertThat(schema.firstViolation((ObjectNode) json("{'checksum': '" + "a".repeat(33) + "'}")))
                .hasValueSatisfying(message -> assertThat(message).contains("is too long"));
    }
}
