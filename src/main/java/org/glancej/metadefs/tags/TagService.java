package org.glancej.metadefs.tags;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.MetadefAccess;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefTables;
import org.glancej.metadefs.MetadefTag;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.NamespaceContents;

/** A namespace's tags: list, create one, create many (replacing or appending), show, rename, delete. */
public final class TagService {
    private final MetadefDatabase database;
    private final MetadefAccess access;
    private final Clock clock;

    public TagService(MetadefDatabase database, MetadefAccess access, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<MetadefTag> list(RequestContext ctx, String namespace, TagQuery query) {
        return database.read(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "get_metadef_tags", ns);
            List<MetadefTag> tags = new ArrayList<>(t.tags().list(ns.id()));
            tags.sort(query.order());
            if (query.marker().isPresent()) {
                MetadefTag marker = tag(t, ns, query.marker().get());
                tags.removeIf(tag -> query.order().compare(tag, marker) <= 0);
            }
            return query.limit().map(limit -> tags.subList(0, Math.min(limit, tags.size()))).orElse(tags);
        });
    }

    /** Upstream finds the namespace before it checks the name against the tag schema. */
    Namespace visibleNamespace(RequestContext ctx, String namespace) {
        return database.read(t -> access.namespace(t, ctx, namespace));
    }

    MetadefTag create(RequestContext ctx, String namespace, String name) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "add_metadef_tag", ns);
            return NamespaceContents.addTag(t, ns, name, now);
        });
    }

    /**
     * Creates {@code names} in order. Without {@code append} they replace the namespace's tags, unless there
     * are none (upstream then leaves the existing tags alone).
     */
    List<MetadefTag> createAll(RequestContext ctx, String namespace, List<String> names, boolean append) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "add_metadef_tags", ns);
            if (names.isEmpty()) {
                return List.of();
            }
            if (!append) {
                t.tags().deleteAll(ns.id());
            }
            List<MetadefTag> created = new ArrayList<>();
            for (String name : names) {
                created.add(NamespaceContents.addTag(t, ns, name, now));
            }
            return created;
        });
    }

    MetadefTag show(RequestContext ctx, String namespace, String name) {
        return database.read(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "get_metadef_tag", ns);
            return tag(t, ns, name);
        });
    }

    MetadefTag rename(RequestContext ctx, String namespace, String name, String newName) {
        Instant now = clock.instant();
        return database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "modify_metadef_tag", ns);
            MetadefTag tag = tag(t, ns, name);
            List<String> others = t.tags().list(ns.id()).stream().map(MetadefTag::name)
                    .filter(other -> !other.equals(tag.name())).toList();
            if (MetadefInput.collides(others, newName)) {
                throw NamespaceContents.duplicateTag(newName, ns);
            }
            return t.tags().rename(ns.id(), tag.id(), newName, now);
        });
    }

    void delete(RequestContext ctx, String namespace, String name) {
        database.inTransaction(t -> {
            Namespace ns = access.namespace(t, ctx, namespace);
            access.enforce(ctx, "delete_metadef_tag", ns);
            MetadefTag tag = tag(t, ns, name);
            MetadefAccess.requireUnprotected(ns, "Metadata definition tag " + tag.name()
                    + " is protected and cannot be deleted.");
            t.tags().delete(tag.id());
            return null;
        });
    }

    private static MetadefTag tag(MetadefTables t, Namespace ns, String name) throws SQLException {
        return t.tags().find(ns.id(), name)
                .orElseThrow(() -> GlanceException.notFound("Could not find metadata tag " + name));
    }
}
