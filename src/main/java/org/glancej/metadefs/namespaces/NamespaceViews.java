package org.glancej.metadefs.namespaces;

import static org.glancej.metadefs.MetadefViews.putText;
import static org.glancej.metadefs.MetadefViews.putTime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.ResourceTypeAssociation;

/** Namespaces as upstream answers them: alone, in a list page, in detail, and as just created. */
final class NamespaceViews {
    static final String SCHEMA = "/v2/schemas/metadefs/namespace";

    private NamespaceViews() {}

    /** The namespace's own attributes, then {@code self} and {@code schema}. */
    static ObjectNode namespace(Namespace ns) {
        return withLinks(attributes(ns), ns);
    }

    static ObjectNode listed(Namespace ns, List<ResourceTypeAssociation> associations) {
        ObjectNode node = attributes(ns);
        if (!associations.isEmpty()) {
            node.set("resource_type_associations", MetadefViews.associations(associations));
        }
        return withLinks(node, ns);
    }

    static ObjectNode detail(NamespaceDetail d) {
        ObjectNode node = attributes(d.namespace());
        if (!d.associations().isEmpty()) {
            node.set("resource_type_associations", MetadefViews.associations(d.associations()));
        }
        if (!d.properties().isEmpty()) {
            node.set("properties", MetadefViews.properties(d.properties(), d.prefix()));
        }
        if (!d.objects().isEmpty()) {
            ArrayNode objects = node.putArray("objects");
            d.objects().forEach(o -> objects.add(MetadefViews.metadefObject(d.namespace().name(), o, d.prefix())));
        }
        if (!d.tags().isEmpty()) {
            ArrayNode tags = node.putArray("tags");
            d.tags().forEach(tag -> tags.addObject().put("name", tag.name()));
        }
        return withLinks(node, d.namespace());
    }

    /** Upstream answers a create with the namespace and the contents as the request gave them. */
    static ObjectNode created(Namespace ns, NamespaceRequest request) {
        ObjectNode node = attributes(ns);
        if (!request.associations().isEmpty()) {
            ArrayNode associations = node.putArray("resource_type_associations");
            request.associations().forEach(a -> {
                ObjectNode item = associations.addObject().put("name", a.name());
                putText(item, "prefix", a.prefix());
                putText(item, "properties_target", a.propertiesTarget());
            });
        }
        if (request.properties() != null) {
            node.set("properties", request.properties());
        }
        if (!request.objects().isEmpty()) {
            ArrayNode objects = node.putArray("objects");
            request.objects().forEach(o -> {
                ObjectNode item = objects.addObject().put("name", o.name());
                if (o.required() != null) {
                    ArrayNode required = item.putArray("required");
                    o.required().forEach(required::add);
                }
                putText(item, "description", o.description());
                if (o.properties() != null) {
                    item.set("properties", o.properties());
                }
            });
        }
        if (request.tags() != null) {
            ArrayNode tags = node.putArray("tags");
            request.tags().forEach(tag -> tags.addObject().put("name", tag));
        }
        return withLinks(node, ns);
    }

    private static ObjectNode attributes(Namespace ns) {
        ObjectNode node = MetadefViews.object().put("namespace", ns.name());
        putText(node, "display_name", ns.displayName());
        putText(node, "description", ns.description());
        node.put("visibility", ns.visibility());
        node.put("protected", ns.isProtected());
        putText(node, "owner", ns.owner());
        putTime(node, "created_at", ns.createdAt());
        putTime(node, "updated_at", ns.updatedAt());
        return node;
    }

    private static ObjectNode withLinks(ObjectNode node, Namespace ns) {
        node.put("self", MetadefViews.namespaceHref(ns.name()));
        node.put("schema", SCHEMA);
        return node;
    }
}
