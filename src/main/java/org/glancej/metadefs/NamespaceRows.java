package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glancej.db.Dialect;

/**
 * {@code metadef_namespaces} on one connection. Names are looked up exactly: MariaDB's collation would also
 * match another letter case, which is not this namespace anywhere.
 */
public final class NamespaceRows {
    private static final String COLUMNS =
            "id, namespace, display_name, description, visibility, protected, owner, created_at, updated_at";

    private final Connection c;
    private final Dialect dialect;

    NamespaceRows(Connection c, Dialect dialect) {
        this.c = requireNonNull(c, "c is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** Every namespace, oldest first; visibility is the caller's to apply. */
    public List<Namespace> all() throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_namespaces ORDER BY created_at, id",
                ps -> { }, this::namespace);
    }

    public Optional<Namespace> find(String name) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_namespaces WHERE namespace = ?",
                ps -> ps.setString(1, name), this::namespace).stream()
                .filter(ns -> ns.name().equals(name))
                .findFirst();
    }

    /** Every namespace name, for collision checks. */
    public List<String> names() throws SQLException {
        return Statements.query(c, "SELECT namespace FROM metadef_namespaces", ps -> { }, rs -> rs.getString(1));
    }

    public Namespace insert(NamespaceDraft draft, Instant now) throws SQLException {
        return insert(draft, now, now);
    }

    /** As upstream's loader inserts: {@code updatedAt} may be null. */
    public Namespace insert(NamespaceDraft draft, Instant createdAt, Instant updatedAt) throws SQLException {
        Statements.update(c, "INSERT INTO metadef_namespaces (namespace, display_name, description, visibility,"
                + " protected, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, draft.name());
                    ps.setString(2, draft.displayName());
                    ps.setString(3, draft.description());
                    ps.setString(4, draft.visibility());
                    ps.setBoolean(5, draft.isProtected());
                    ps.setString(6, draft.owner());
                    dialect.setTimestamp(ps, 7, createdAt);
                    dialect.setTimestamp(ps, 8, updatedAt);
                });
        return find(draft.name()).orElseThrow();
    }

    public Namespace update(int id, NamespaceDraft draft, Instant now) throws SQLException {
        Statements.update(c, "UPDATE metadef_namespaces SET namespace = ?, display_name = ?, description = ?,"
                + " visibility = ?, protected = ?, owner = ?, updated_at = ? WHERE id = ?", ps -> {
                    ps.setString(1, draft.name());
                    ps.setString(2, draft.displayName());
                    ps.setString(3, draft.description());
                    ps.setString(4, draft.visibility());
                    ps.setBoolean(5, draft.isProtected());
                    ps.setString(6, draft.owner());
                    dialect.setTimestamp(ps, 7, now);
                    ps.setInt(8, id);
                });
        return find(draft.name()).orElseThrow();
    }

    /** Deletes the namespace with everything in it: tags, objects, properties, resource type associations. */
    public void delete(int id) throws SQLException {
        for (String table : List.of("metadef_tags", "metadef_objects", "metadef_properties",
                "metadef_namespace_resource_types")) {
            Statements.update(c, "DELETE FROM " + table + " WHERE namespace_id = ?", ps -> ps.setInt(1, id));
        }
        Statements.update(c, "DELETE FROM metadef_namespaces WHERE id = ?", ps -> ps.setInt(1, id));
    }

    private Namespace namespace(ResultSet rs) throws SQLException {
        return new Namespace(rs.getInt("id"), rs.getString("namespace"), rs.getString("display_name"),
                rs.getString("description"), rs.getString("visibility"), Statements.flag(rs, "protected"),
                rs.getString("owner"), dialect.getTimestamp(rs, "created_at"), dialect.getTimestamp(rs, "updated_at"));
    }
}
