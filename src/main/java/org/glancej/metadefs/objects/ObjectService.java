package org.glancej.metadefs.objects;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.MetadefAccess;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefObject;
import org.glancej.metadefs.MetadefTables;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.NamespaceContents;

/** A namespace's objects: list, create, show, update, delete, each in one transaction, in upstream's order. */
public final class ObjectService {
    private final MetadefDatabase database;
    private final MetadefAccess access;
    private final Clock clock;

    public ObjectService(MetadefDatabase database, MetadefAccess access, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** An object with the namespace it is in, for the answer's links. */
    record Found(Namespace namespace, MetadefObject object) {}

    List<MetadefObject> list(RequestContext ctx, String namespace) {
        return database.read(t -> {
            Namespace ns = namespace(t, ctx, namespace);
            access.enforce(ctx, "get_metadef_objects", ns);
            return t.objects().list(ns.id()).stream()
                    .filter(o -> access.allows(ctx, "get_metadef_object", ns))
                    .toList();
        });
    }

    MetadefObject create(RequestContext ctx, String namespace, ObjectRequest request) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = namespace(t, ctx, namespace);
            access.enforce(ctx, "add_metadef_object", ns);
            return NamespaceContents.addObject(t, ns, request.name(), request.description(),
                    request.requiredOrNone(), request.propertiesOrNone(), now);
        });
    }

    Found show(RequestContext ctx, String namespace, String name) {
        return database.read(t -> {
            Namespace ns = namespace(t, ctx, namespace);
            access.enforce(ctx, "get_metadef_object", ns);
            return new Found(ns, object(t, ns, name));
        });
    }

    MetadefObject update(RequestContext ctx, String namespace, String name, ObjectRequest request) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = namespace(t, ctx, namespace);
            access.enforce(ctx, "modify_metadef_object", ns);
            MetadefObject object = object(t, ns, name);
            List<String> others = t.objects().list(ns.id()).stream().map(MetadefObject::name)
                    .filter(other -> !other.equals(object.name())).toList();
            if (MetadefInput.collides(others, request.name())) {
                throw GlanceException.conflict("Invalid update. It would result in a duplicate metadata definition"
                        + " object with the same name=" + request.name() + " in namespace=" + ns.name() + ".");
            }
            return t.objects().update(ns.id(), object.id(), request.name(), request.description(),
                    request.requiredOrNone(), request.propertiesOrNone(), now);
        });
    }

    void delete(RequestContext ctx, String namespace, String name) {
        database.inTransaction(t -> {
            Namespace ns = namespace(t, ctx, namespace);
            access.enforce(ctx, "delete_metadef_object", ns);
            MetadefObject object = object(t, ns, name);
            MetadefAccess.requireUnprotected(ns, "Metadata definition object " + object.name()
                    + " is protected and cannot be deleted.");
            t.objects().delete(object.id());
            return null;
        });
    }

    /** Upstream's object endpoints name a missing namespace as its database layer does. */
    private Namespace namespace(MetadefTables t, RequestContext ctx, String name) throws SQLException {
        return access.namespace(t, ctx, name, MetadefAccess.noSuchNamespace(name), "Namespace " + name + " not found");
    }

    private static MetadefObject object(MetadefTables t, Namespace ns, String name) throws SQLException {
        return t.objects().find(ns.id(), name)
                .orElseThrow(() -> GlanceException.notFound("Could not find metadata object " + name));
    }
}
