package org.glancej.metadefs.properties;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.MetadefAccess;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefProperty;
import org.glancej.metadefs.MetadefTables;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.NamespaceContents;
import org.glancej.metadefs.ResourceTypeAssociation;

/** A namespace's property definitions: list, create, show, update, delete, in upstream's order. */
public final class PropertyService {
    private final MetadefDatabase database;
    private final MetadefAccess access;
    private final Clock clock;

    public PropertyService(MetadefDatabase database, MetadefAccess access, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<MetadefProperty> list(RequestContext ctx, String namespace) {
        return database.read(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "get_metadef_properties", ns);
            return t.properties().list(ns.id());
        });
    }

    /**
     * The property; with a resource type, {@code name} carries that association's prefix, which must be there
     * and is taken off before the lookup.
     */
    MetadefProperty show(RequestContext ctx, String namespace, String name, Optional<String> resourceType) {
        return database.read(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "get_metadef_property", ns);
            String stored = name;
            if (resourceType.isPresent()) {
                access.enforce(ctx, "get_metadef_resource_type", ns);
                String prefix = association(t, ns, resourceType.get()).prefix();
                if (prefix == null || prefix.isEmpty() || !name.startsWith(prefix)) {
                    throw GlanceException.notFound("Property " + name + " does not start with the expected resource"
                            + " type association prefix of '" + prefix + "'.");
                }
                stored = name.substring(prefix.length());
            }
            return property(t, ns, stored);
        });
    }

    MetadefProperty create(RequestContext ctx, String namespace, String name, ObjectNode definition) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "add_metadef_property", ns);
            return NamespaceContents.addProperty(t, ns, name, definition, now);
        });
    }

    MetadefProperty update(RequestContext ctx, String namespace, String name, String newName,
            ObjectNode definition) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "modify_metadef_property", ns);
            MetadefProperty property = property(t, ns, name);
            List<String> others = t.properties().list(ns.id()).stream().map(MetadefProperty::name)
                    .filter(other -> !other.equals(property.name())).toList();
            if (MetadefInput.collides(others, newName)) {
                // upstream names the property being renamed here
                throw GlanceException.conflict("Invalid update. It would result in a duplicate metadata definition"
                        + " property with the same name=" + property.name() + " in namespace=" + ns.name() + ".");
            }
            return t.properties().update(ns.id(), property.id(), newName, definition, now);
        });
    }

    void delete(RequestContext ctx, String namespace, String name) {
        database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "remove_metadef_property", ns);
            MetadefProperty property = property(t, ns, name);
            MetadefAccess.requireUnprotected(ns, "Metadata definition property " + property.name()
                    + " is protected and cannot be deleted.");
            t.properties().delete(property.id());
            return null;
        });
    }

    private static MetadefProperty property(MetadefTables t, Namespace ns, String name) throws SQLException {
        return t.properties().find(ns.id(), name)
                .orElseThrow(() -> GlanceException.notFound("Could not find property " + name));
    }

    private static ResourceTypeAssociation association(MetadefTables t, Namespace ns, String resourceType)
            throws SQLException {
        if (t.resourceTypes().find(resourceType).isEmpty()) {
            throw GlanceException.notFound("The metadata definition resource-type with name=" + resourceType
                    + ", was not found.");
        }
        return t.resourceTypes().associations(ns.id()).stream().filter(a -> a.name().equals(resourceType))
                .findFirst()
                .orElseThrow(() -> GlanceException.notFound("The metadata definition resource-type association of"
                        + " resource-type=" + resourceType + " to namespace=" + ns.name() + ", was not found."));
    }
}
