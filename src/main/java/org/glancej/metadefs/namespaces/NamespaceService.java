package org.glancej.metadefs.namespaces;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.MetadefAccess;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefTables;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.NamespaceContents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.NamespaceDraft;
import org.glancej.metadefs.ResourceTypeAssociation;

/**
 * Metadata definition namespaces: list, create (with contents), show (with contents), update, delete, and
 * delete of all objects, properties or tags. Each operation runs in one transaction; the checks come in
 * upstream's order so that errors and their messages come out as upstream's do.
 */
public final class NamespaceService {
    /** The owner of namespaces created without one and without a caller's project, as upstream's loader uses. */
    static final String DEFAULT_OWNER = "admin";

    private final MetadefDatabase database;
    private final MetadefAccess access;
    private final Clock clock;

    public NamespaceService(MetadefDatabase database, MetadefAccess access, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One page of the namespaces the caller sees, each with its resource type associations. */
    record Page(List<Namespace> namespaces, Map<Integer, List<ResourceTypeAssociation>> associations,
            Optional<String> next) {}

    Page list(RequestContext ctx, NamespaceQuery query) {
        access.enforce(ctx, "get_metadef_namespaces");
        access.enforce(ctx, "list_metadef_resource_types");
        return database.read(t -> {
            List<Namespace> candidates = new ArrayList<>(t.namespaces().all().stream()
                    .filter(ns -> MetadefAccess.visible(ctx, ns))
                    .filter(ns -> query.visibility().map(ns.visibility()::equals).orElse(true))
                    .toList());
            if (query.resourceTypes().isPresent()) {
                List<Integer> ids = t.resourceTypes().namespacesAssociatedWith(query.resourceTypes().get());
                candidates.removeIf(ns -> !ids.contains(ns.id()));
            }
            candidates.sort(query.order());
            if (query.marker().isPresent()) {
                Namespace marker = t.namespaces().find(query.marker().get())
                        .orElseThrow(() -> GlanceException.notFound(
                                MetadefAccess.noSuchNamespace(query.marker().get())));
                if (!MetadefAccess.visible(ctx, marker)) {
                    throw GlanceException.forbidden("Forbidding request, metadata definition namespace="
                            + marker.name() + " is not visible.");
                }
                // what sorts after the marker, whether or not the marker itself passes the filters
                candidates.removeIf(ns -> query.order().compare(ns, marker) <= 0);
            }
            List<Namespace> page = candidates.subList(0, Math.min(query.limit(), candidates.size()));
            List<Namespace> shown = page.stream()
                    .filter(ns -> access.allows(ctx, MetadefAccess.GET_NAMESPACE, ns))
                    .toList();
            Map<Integer, List<ResourceTypeAssociation>> associations = new java.util.HashMap<>();
            for (Namespace ns : shown) {
                associations.put(ns.id(), t.resourceTypes().associations(ns.id()));
            }
            Optional<String> next = !shown.isEmpty() && shown.size() == query.limit()
                    ? Optional.of(page.getLast().name()) : Optional.empty();
            return new Page(shown, associations, next);
        });
    }

    Namespace create(RequestContext ctx, NamespaceRequest request) {
        access.enforce(ctx, "add_metadef_namespace");
        if (!request.associations().isEmpty()) {
            access.enforce(ctx, "add_metadef_resource_type_association");
        }
        if (!request.objects().isEmpty()) {
            access.enforce(ctx, "add_metadef_object");
        }
        if (request.properties() != null && !request.properties().isEmpty()) {
            access.enforce(ctx, "add_metadef_property");
        }
        if (request.tags() != null && !request.tags().isEmpty()) {
            access.enforce(ctx, "add_metadef_tag");
        }
        String owner = request.owner() != null ? request.owner()
                : ctx.projectId() != null ? ctx.projectId() : DEFAULT_OWNER;
        NamespaceDraft draft = new NamespaceDraft(request.name(), request.displayName(), request.description(),
                request.visibility(), Boolean.TRUE.equals(request.isProtected()), owner);
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            if (MetadefInput.collides(t.namespaces().names(), draft.name())) {
                throw duplicate(draft.name());
            }
            Namespace ns = t.namespaces().insert(draft, now);
            addContents(t, ns, request, now);
            return ns;
        });
    }

    NamespaceDetail show(RequestContext ctx, String name, Optional<String> resourceType) {
        return database.read(t -> {
            Namespace ns = access.namespace(t, ctx, name, MetadefAccess.noSuchNamespace(name),
                    "The resource could not be found.");
            access.enforce(ctx, MetadefAccess.GET_NAMESPACE, ns);
            for (String rule : List.of("list_metadef_resource_types", "get_metadef_objects",
                    "get_metadef_properties", "get_metadef_tags")) {
                access.enforce(ctx, rule, ns);
            }
            List<ResourceTypeAssociation> associations = t.resourceTypes().associations(ns.id());
            String prefix = resourceType.flatMap(rt -> associations.stream().filter(a -> a.name().equals(rt))
                    .findFirst()).map(ResourceTypeAssociation::prefix).orElse("");
            return new NamespaceDetail(ns, associations, t.objects().list(ns.id()), t.properties().list(ns.id()),
                    t.tags().list(ns.id()), prefix == null ? "" : prefix);
        });
    }

    /** Rewrites the namespace's own attributes; the request's absent ones take their create defaults. */
    Namespace update(RequestContext ctx, String name, NamespaceRequest request) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, name);
            access.enforce(ctx, "modify_metadef_namespace", ns);
            String owner = request.owner() != null ? request.owner()
                    : ctx.projectId() != null ? ctx.projectId() : ns.owner();
            NamespaceDraft draft = new NamespaceDraft(request.name(), request.displayName(), request.description(),
                    request.visibility(), Boolean.TRUE.equals(request.isProtected()), owner);
            List<String> others = new ArrayList<>(t.namespaces().names());
            others.remove(ns.name());
            if (MetadefInput.collides(others, draft.name())) {
                throw GlanceException.conflict("Invalid update. It would result in a duplicate metadata definition"
                        + " namespace with the same name of " + draft.name());
            }
            return t.namespaces().update(ns.id(), draft, now);
        });
    }

    public void delete(RequestContext ctx, String name) {
        database.inTransaction(t -> {
            Namespace ns = deletable(t, ctx, name);
            t.namespaces().delete(ns.id());
            return null;
        });
    }

    public void deleteObjects(RequestContext ctx, String name) {
        database.inTransaction(t -> {
            t.objects().deleteAll(deletable(t, ctx, name).id());
            return null;
        });
    }

    public void deleteProperties(RequestContext ctx, String name) {
        database.inTransaction(t -> {
            t.properties().deleteAll(deletable(t, ctx, name).id());
            return null;
        });
    }

    public void deleteTags(RequestContext ctx, String name) {
        database.inTransaction(t -> {
            Namespace ns = access.deletable(t, ctx, name);
            access.enforce(ctx, "delete_metadef_tags", ns);
            requireUnprotected(ns);
            t.tags().deleteAll(ns.id());
            return null;
        });
    }

    /** In upstream's order: resource type associations, objects, tags, properties. */
    private static void addContents(MetadefTables t, Namespace ns, NamespaceRequest request, Instant now)
            throws SQLException {
        for (NamespaceRequest.Association a : request.associations()) {
            NamespaceContents.associate(t, ns, a.name(), a.prefix(), a.propertiesTarget(), now);
        }
        for (NamespaceRequest.ObjectInput o : request.objects()) {
            NamespaceContents.addObject(t, ns, o.name(), o.description(),
                    o.required() == null ? List.of() : o.required(),
                    o.properties() == null ? MetadefViews.object() : o.properties(), now);
        }
        for (String tag : request.tags() == null ? List.<String>of() : request.tags()) {
            NamespaceContents.addTag(t, ns, tag, now);
        }
        if (request.properties() != null) {
            for (var e : request.properties().properties()) {
                NamespaceContents.addProperty(t, ns, e.getKey(), (ObjectNode) e.getValue(), now);
            }
        }
    }

    /** Upstream checks {@code delete_metadef_namespace} for removing the namespace or any of its contents. */
    private Namespace deletable(MetadefTables t, RequestContext ctx, String name) throws SQLException {
        Namespace ns = access.deletable(t, ctx, name);
        requireUnprotected(ns);
        return ns;
    }

    private static void requireUnprotected(Namespace ns) {
        MetadefAccess.requireUnprotected(ns, "Metadata definition namespace " + ns.name()
                + " is protected and cannot be deleted.");
    }

    static GlanceException duplicate(String name) {
        return GlanceException.conflict("The metadata definition namespace=" + name + " already exists.");
    }
}
