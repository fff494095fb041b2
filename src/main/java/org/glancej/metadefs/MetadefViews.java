package org.glancej.metadefs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.glancej.metadefs.schema.PropertyDefinitions;

/**
 * The JSON upstream answers with for metadef entities, member for member in its order; absent (null) values are
 * left out, as upstream's model serialiser leaves them out.
 */
public final class MetadefViews {
    public static final String NAMESPACES = "/v2/metadefs/namespaces";
    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private MetadefViews() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Upstream's isotime: seconds, UTC, a trailing Z. */
    public static String time(Instant instant) {
        return ISO_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static void putTime(ObjectNode node, String key, Instant instant) {
        if (instant != null) {
            node.put(key, time(instant));
        }
    }

    public static void putText(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    public static String namespaceHref(String namespace) {
        return NAMESPACES + "/" + namespace;
    }

    public static String objectHref(String namespace, String object) {
        return namespaceHref(namespace) + "/objects/" + object;
    }

    public static ObjectNode association(ResourceTypeAssociation a) {
        ObjectNode node = object().put("name", a.name());
        putText(node, "prefix", a.prefix());
        putText(node, "properties_target", a.propertiesTarget());
        putTime(node, "created_at", a.createdAt());
        putTime(node, "updated_at", a.updatedAt());
        return node;
    }

    public static ArrayNode associations(List<ResourceTypeAssociation> associations) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        associations.forEach(a -> array.add(association(a)));
        return array;
    }

    /** An object as read back: its required list and properties always present, names prefixed if asked. */
    public static ObjectNode metadefObject(String namespace, MetadefObject o, String prefix) {
        ObjectNode node = object().put("name", o.name());
        ArrayNode required = node.putArray("required");
        o.required().forEach(r -> required.add(prefix + r));
        putText(node, "description", o.description());
        ObjectNode properties = node.putObject("properties");
        PropertyDefinitions.allFromStorage(o.properties()).properties()
                .forEach(e -> properties.set(prefix + e.getKey(), e.getValue()));
        putTime(node, "created_at", o.createdAt());
        putTime(node, "updated_at", o.updatedAt());
        node.put("self", objectHref(namespace, o.name()));
        node.put("schema", "/v2/schemas/metadefs/object");
        return node;
    }

    /** Property definitions by name, as stored (a definition created on its own also holds its name). */
    public static ObjectNode properties(List<MetadefProperty> properties, String prefix) {
        ObjectNode node = object();
        properties.forEach(p -> node.set(prefix + p.name(), PropertyDefinitions.fromStorage(p.schema())));
        return node;
    }
}
