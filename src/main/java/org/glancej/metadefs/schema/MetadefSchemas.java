package org.glancej.metadefs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadef schema documents upstream serves at {@code /v2/schemas/metadefs/{name}} (the same members in the
 * same order as upstream's), and the validators built from them that check request bodies as upstream does.
 */
public final class MetadefSchemas {
    /** Names served under {@code /v2/schemas/metadefs/}. */
    public static final List<String> NAMES = List.of("namespace", "namespaces", "resource_type", "resource_types",
            "property", "properties", "object", "objects", "tag", "tags");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, ObjectNode> documents = new LinkedHashMap<>();

    private MetadefSchemas() {
        for (String name : NAMES) {
            documents.put(name, load(name));
        }
    }

    public static MetadefSchemas load() {
        return new MetadefSchemas();
    }

    /** The document served as {@code /v2/schemas/metadefs/{name}}; empty for other names. */
    public Optional<ObjectNode> document(String name) {
        return Optional.ofNullable(documents.get(name)).map(ObjectNode::deepCopy);
    }

    public SchemaValidator namespace() {
        return new SchemaValidator("namespace", documents.get("namespace"));
    }

    public SchemaValidator object() {
        return new SchemaValidator("object", documents.get("object"));
    }

    /** A property created or updated on its own: its name is required. */
    public SchemaValidator property() {
        return new SchemaValidator("property", documents.get("property"));
    }

    /** A property inside an object, keyed by its name: the name itself is not required. */
    public SchemaValidator propertyInObject() {
        ObjectNode schema = documents.get("property").deepCopy();
        ArrayNode required = schema.putArray("required");
        documents.get("property").path("required").forEach(r -> {
            if (!r.asText().equals("name")) {
                required.add(r);
            }
        });
        return new SchemaValidator("property", schema);
    }

    public SchemaValidator tag() {
        return new SchemaValidator("tag", documents.get("tag"));
    }

    /** The body of a bulk tag create, {@code {"tags": [{"name": ...}, ...]}} (a schema upstream does not serve). */
    public SchemaValidator tagList() {
        ObjectNode item = MAPPER.createObjectNode().put("type", "object");
        item.putObject("properties").putObject("name").put("type", "string");
        item.putArray("required").add("name");
        item.put("additionalProperties", false);
        ObjectNode schema = MAPPER.createObjectNode().put("name", "tags");
        ObjectNode tags = schema.putObject("properties").putObject("tags").put("type", "array");
        tags.set("items", item);
        schema.put("additionalProperties", false);
        return new SchemaValidator("tags", schema);
    }

    public SchemaValidator resourceTypeAssociation() {
        return new SchemaValidator("resource_type_association", documents.get("resource_type"));
    }

    private static ObjectNode load(String name) {
        String resource = name + ".json";
        try (InputStream in = MetadefSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            JsonNode node = MAPPER.readTree(in);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }
}
