package org.glancej.metadefs.resourcetypes;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.MetadefAccess;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.NamespaceContents;
import org.glancej.metadefs.ResourceType;
import org.glancej.metadefs.ResourceTypeAssociation;

/** Resource types, and their associations with a namespace: list, associate, dissociate. */
public final class ResourceTypeService {
    private final MetadefDatabase database;
    private final MetadefAccess access;
    private final Clock clock;

    public ResourceTypeService(MetadefDatabase database, MetadefAccess access, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<ResourceType> all(RequestContext ctx) {
        access.enforce(ctx, "list_metadef_resource_types");
        return database.read(t -> t.resourceTypes().all());
    }

    List<ResourceTypeAssociation> associations(RequestContext ctx, String namespace) {
        return database.read(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "list_metadef_resource_types", ns);
            return t.resourceTypes().associations(ns.id()).stream()
                    .filter(a -> access.allows(ctx, "get_metadef_resource_type", ns))
                    .toList();
        });
    }

    ResourceTypeAssociation associate(RequestContext ctx, String namespace, String resourceType, String prefix,
            String propertiesTarget) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "add_metadef_resource_type_association", ns);
            return NamespaceContents.associate(t, ns, resourceType, prefix, propertiesTarget, now);
        });
    }

    void dissociate(RequestContext ctx, String namespace, String resourceType) {
        database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "remove_metadef_resource_type_association", ns);
            boolean associated = t.resourceTypes().associations(ns.id()).stream()
                    .anyMatch(a -> a.name().equals(resourceType));
            ResourceType rt = t.resourceTypes().find(resourceType).orElse(null);
            if (!associated || rt == null) {
                throw GlanceException.notFound("Failed to find resource type " + resourceType + " to delete");
            }
            MetadefAccess.requireUnprotected(ns, "Metadata definition resource-type-association " + resourceType
                    + " is protected and cannot be deleted.");
            t.resourceTypes().dissociate(ns.id(), rt.id());
            return null;
        });
    }
}
