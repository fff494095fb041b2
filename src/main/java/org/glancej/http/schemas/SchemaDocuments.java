package org.glancej.http.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glancej.http.PythonStyleJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.glancej.common.SchemaNodes.link;
import static org.glancej.common.SchemaNodes.links;
import static org.glancej.common.SchemaNodes.object;
import static org.glancej.common.SchemaNodes.typed;

/**
 * The JSON-schema documents served at {@code /v2/schemas/{name}}. python-glanceclient downloads them,
 * validates request bodies against them and reads {@code is_base} to tell custom properties from base
 * ones, so they reproduce upstream's documents exactly (same members, same order, same bytes).
 * Built once per process: they depend only on configuration.
 */
public final class SchemaDocuments {
    /** Names served under {@code /v2/schemas/}, in upstream's route order. */
    public static final List<String> NAMES = List.of("image", "images", "member", "members", "task", "tasks");

    private final Map<String, Document> documents = new LinkedHashMap<>();

    /**
     * @param imageBaseProperties the image's base properties with the configured format enums, from the image
     *     feature, which validates against the same document
     * @param customProperties operator properties merged into the image schema, each marked {@code "is_base": false}
     * @throws IllegalArgumentException if a custom property redefines a base property (upstream refuses to start)
     */
    public SchemaDocuments(ObjectNode imageBaseProperties, CustomImageProperties customProperties) {
        requireNonNull(imageBaseProperties, "imageBaseProperties is null");
        requireNonNull(customProperties, "customProperties is null");

        ObjectNode image = imageSchema(imageBaseProperties.deepCopy(), customProperties);
        ObjectNode member = named("member", MemberProperties.build());
        add("image", image);
        add("images", pagedCollection("images", image));
        add("member", member);
        add("members", collection("members", member));
        add("task", named("task", TaskProperties.full()));
        add("tasks", collection("tasks", named("task", TaskProperties.listView())));
    }

    public ObjectNode image() {
        return node("image");
    }

    public ObjectNode images() {
        return node("images");
    }

    public ObjectNode member() {
        return node("member");
    }

    public ObjectNode members() {
        return node("members");
    }

    public ObjectNode task() {
        return node("task");
    }

    public ObjectNode tasks() {
        return node("tasks");
    }

    /** The serialised document for one of {@link #NAMES}, as upstream sends it; empty for other names. */
    public Optional<byte[]> json(String name) {
        return Optional.ofNullable(documents.get(name)).map(document -> document.json().clone());
    }

    private ObjectNode node(String name) {
        return documents.get(name).node().deepCopy();
    }

    private void add(String name, ObjectNode node) {
        documents.put(name, new Document(node, PythonStyleJson.asciiBytes(node)));
    }

    private static ObjectNode imageSchema(ObjectNode properties, CustomImageProperties custom) {
        custom.definitions().properties().forEach(entry -> {
            if (properties.has(entry.getKey())) {
                throw new IllegalArgumentException(
                        "custom image property '%s' conflicts with a base property".formatted(entry.getKey()));
            }
            properties.set(entry.getKey(), ((ObjectNode) entry.getValue()).put("is_base", false));
        });
        ObjectNode schema = named("image", properties);
        schema.set("additionalProperties", typed("string"));
        schema.set("links", links(link("self", "{self}"), link("enclosure", "{file}"),
                link("describedby", "{schema}")));
        return schema;
    }

    private static ObjectNode named(String name, ObjectNode properties) {
        ObjectNode schema = object().put("name", name);
        schema.set("properties", properties);
        return schema;
    }

    /** The images collection: items plus {@code first}/{@code next} paging links. */
    private static ObjectNode pagedCollection(String name, ObjectNode item) {
        ObjectNode properties = object();
        properties.set(name, typed("array").set("items", item));
        properties.set("first", typed("string"));
        properties.set("next", typed("string"));
        properties.set("schema", typed("string"));
        ObjectNode schema = named(name, properties);
        schema.set("links", links(link("first", "{first}"), link("next", "{next}"),
                link("describedby", "{schema}")));
        return schema;
    }

    /** Members and tasks: upstream serves the minimal form, without paging links. */
    private static ObjectNode collection(String name, ObjectNode item) {
        ObjectNode properties = object();
        properties.set(name, typed("array").set("items", item));
        properties.set("schema", typed("string"));
        ObjectNode schema = named(name, properties);
        schema.set("links", links(link("describedby", "{schema}")));
        return schema;
    }

    private record Document(ObjectNode node, byte[] json) {}
}
