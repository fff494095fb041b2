package org.glancej.metadefs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.glancej.common.GlanceException;

/**
 * Adding things to a namespace, each refused with upstream's 409 when the namespace already has one of that
 * name, in any letter case, accents or trailing spaces (MariaDB's unique keys make those duplicates there, so
 * they are duplicates on every database).
 */
public final class NamespaceContents {
    private NamespaceContents() {}

    /** Associates a resource type, creating the resource type (unprotected) if it is new. */
    public static ResourceTypeAssociation associate(MetadefTables t, Namespace ns, String resourceType, String prefix,
            String propertiesTarget, Instant now) throws SQLException {
        List<String> associated = t.resourceTypes().associations(ns.id()).stream()
                .map(ResourceTypeAssociation::name).toList();
        if (MetadefInput.collides(associated, resourceType)) {
            throw GlanceException.conflict("The metadata definition resource-type association of resource-type="
                    + resourceType + " to namespace=" + ns.name() + " already exists.");
        }
        List<String> known = t.resourceTypes().all().stream().map(ResourceType::name).toList();
        ResourceType rt = t.resourceTypes().find(resourceType).orElse(null);
        if (rt == null) {
            if (MetadefInput.collides(known, resourceType)) {
                throw GlanceException.conflict("A metadata definition resource-type with name=" + resourceType
                        + " already exists.");
            }
            rt = t.resourceTypes().insert(resourceType, false, now);
        }
        t.resourceTypes().associate(ns.id(), rt.id(), prefix, propertiesTarget, now);
        return new ResourceTypeAssociation(resourceType, prefix, propertiesTarget, now, now);
    }

    public static MetadefObject addObject(MetadefTables t, Namespace ns, String name, String description,
            List<String> required, ObjectNode properties, Instant now) throws SQLException {
        if (MetadefInput.collides(t.objects().list(ns.id()).stream().map(MetadefObject::name).toList(), name)) {
            throw duplicateObject(name, ns);
        }
        return t.objects().insert(ns.id(), name, description, required, properties, now);
    }

    public static MetadefProperty addProperty(MetadefTables t, Namespace ns, String name, ObjectNode schema,
            Instant now) throws SQLException {
        if (MetadefInput.collides(t.properties().list(ns.id()).stream().map(MetadefProperty::name).toList(), name)) {
            throw GlanceException.conflict("A metadata definition property with name=" + name
                    + " already exists in namespace=" + ns.name() + ".");
        }
        return t.properties().insert(ns.id(), name, schema, now);
    }

    public static MetadefTag addTag(MetadefTables t, Namespace ns, String name, Instant now) throws SQLException {
        if (MetadefInput.collides(t.tags().list(ns.id()).stream().map(MetadefTag::name).toList(), name)) {
            throw duplicateTag(name, ns);
        }
        return t.tags().insert(ns.id(), name, now);
    }

    public static GlanceException duplicateObject(String name, Namespace ns) {
        return GlanceException.conflict("A metadata definition object with name=" + name
                + " already exists in namespace=" + ns.name() + ".");
    }

    public static GlanceException duplicateTag(String name, Namespace ns) {
        return GlanceException.conflict("A metadata tag with name=" + name + " already exists in namespace="
                + ns.name() + ". (Please note that metadata tag names are case insensitive).");
    }
}
