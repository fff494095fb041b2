package org.glancej.metadefs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Messages as upstream's jsonschema reports them for the metadef documents (each checked against upstream Zed). */
class SchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MetadefSchemas schemas = MetadefSchemas.load();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aValidNamespacePasses() throws Exception {
        assertThat(schemas.namespace().firstViolation(json("""
                {"namespace": "n", "visibility": "public", "protected": true,
                 "properties": {"p": {"type": "string", "title": "P", "enum": ["a"], "minimum": 0}},
                 "objects": [{"name": "o", "required": ["p"]}], "tags": [{"name": "t"}]}"""))).isEmpty();
    }

    @Test
    void theShallowestViolationIsReported() throws Exception {
        assertThat(schemas.namespace().firstViolation(json("{\"visibility\": \"shared\"}")))
                .contains("Provided object does not match schema 'namespace': 'namespace' is a required property");
        assertThat(schemas.namespace().firstViolation(json("{\"namespace\": \"x\", \"visibility\": \"shared\"}")))
                .contains("Provided object does not match schema 'namespace': 'shared' is not one of"
                        + " ['public', 'private']");
        assertThat(schemas.namespace().firstViolation(json(
                "{\"namespace\": \"y\", \"properties\": {\"p\": {\"type\": \"string\"}}}")))
                .contains("Provided object does not match schema 'namespace': 'title' is a required property");
    }

    @Test
    void typesLengthsAndUniquenessUseJsonschemasWords() throws Exception {
        assertThat(schemas.namespace().firstViolation(json("{\"namespace\": 5}")))
                .contains("Provided object does not match schema 'namespace': 5 is not of type 'string'");
        assertThat(schemas.tag().firstViolation(json("{\"name\": \"" + "x".repeat(81) + "\"}")))
                .contains("Provided object does not match schema 'tag': '" + "x".repeat(81) + "' is too long");
        assertThat(schemas.object().firstViolation(json("{\"name\": \"o\", \"required\": [\"a\", \"a\"]}")))
                .contains("Provided object does not match schema 'object': ['a', 'a'] has non-unique elements");
        assertThat(schemas.property().firstViolation(json(
                "{\"name\": \"p\", \"type\": \"integer\", \"title\": \"P\", \"minimum\": \"abc\"}")))
                .contains("Provided object does not match schema 'property': 'abc' is not of type 'number'");
        assertThat(schemas.property().firstViolation(json("{\"name\": \"p\", \"type\": null, \"title\": null}")))
                .contains("Provided object does not match schema 'property': None is not of type 'string'");
        assertThat(schemas.property().firstViolation(json(
                "{\"name\": \"p\", \"type\": \"string\", \"title\": \"t\", \"maxLength\": -1}")))
                .contains("Provided object does not match schema 'property': -1 is less than the minimum of 0");
    }

    @Test
    void additionalPropertiesAreNamed() throws Exception {
        assertThat(schemas.property().firstViolation(json(
                "{\"name\": \"p\", \"type\": \"string\", \"title\": \"t\", \"zzz\": 1}")))
                .contains("Provided object does not match schema 'property': Additional properties are not allowed"
                        + " ('zzz' was unexpected)");
        assertThat(schemas.tagList().firstViolation(json("{\"tags\": [{\"name\": \"a\", \"x\": 1}]}")))
                .contains("Provided object does not match schema 'tags': Additional properties are not allowed"
                        + " ('x' was unexpected)");
    }

    @Test
    void aPropertyInsideAnObjectNeedsNoName() throws Exception {
        assertThat(schemas.propertyInObject().firstViolation(json("{\"type\": \"string\", \"title\": \"t\"}")))
                .isEmpty();
        assertThat(schemas.property().firstViolation(json("{\"type\": \"string\", \"title\": \"t\"}")))
                .contains("Provided object does not match schema 'property': 'name' is a required property");
    }

    @Test
    void pythonReprQuotesAsPythonDoes() throws Exception {
        assertThat(PythonRepr.of(json("[\"it's\", true, null, 1.5, 2, {\"a\": 1.0}]")))
                .isEqualTo("[\"it's\", True, None, 1.5, 2, {'a': 1.0}]");
        assertThat(PythonRepr.string("a\\b\n")).isEqualTo("'a\\\\b\\n'");
    }
}
