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
 * {@code metadef_resource_types} and the namespaces' associations with them
 * ({@code metadef_namespace_resource_types}), on one connection.
 */
public final class ResourceTypeRows {
    private static final String ASSOCIATION_COLUMNS =
            "r.name, a.prefix, a.properties_target, a.created_at, a.updated_at";

    private final Connection c;
    private final Dialect dialect;

    ResourceTypeRows(Connection c, Dialect dialect) {
        this.c = requireNonNull(c, "c is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** Every resource type, oldest first. */
    public List<ResourceType> all() throws SQLException {
        return Statements.query(c, "SELECT id, name, protected, created_at, updated_at FROM metadef_resource_types"
                + " ORDER BY created_at, id", ps -> { }, this::resourceType);
    }

    public Optional<ResourceType> find(String name) throws SQLException {
        return Statements.query(c, "SELECT id, name, protected, created_at, updated_at FROM metadef_resource_types"
                + " WHERE name = ?", ps -> ps.setString(1, name), this::resourceType).stream()
                .filter(rt -> rt.name().equals(name))
                .findFirst();
    }

    public ResourceType insert(String name, boolean isProtected, Instant now) throws SQLException {
        return insert(name, isProtected, now, now);
    }

    /** As upstream's loader inserts: {@code updatedAt} may be null. */
    public ResourceType insert(String name, boolean isProtected, Instant createdAt, Instant updatedAt)
            throws SQLException {
        Statements.update(c, "INSERT INTO metadef_resource_types (name, protected, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, name);
                    ps.setBoolean(2, isProtected);
                    dialect.setTimestamp(ps, 3, createdAt);
                    dialect.setTimestamp(ps, 4, updatedAt);
                });
        return find(name).orElseThrow();
    }

    /** Sets {@code updated_at}, as upstream's loader does for a resource type it meets again with prefer_new. */
    public void touch(int id, Instant now) throws SQLException {
        Statements.update(c, "UPDATE metadef_resource_types SET updated_at = ? WHERE id = ?", ps -> {
            dialect.setTimestamp(ps, 1, now);
            ps.setInt(2, id);
        });
    }

    /** The namespace's associations, oldest first. */
    public List<ResourceTypeAssociation> associations(int namespaceId) throws SQLException {
        return Statements.query(c, "SELECT " + ASSOCIATION_COLUMNS + " FROM metadef_namespace_resource_types a"
                + " JOIN metadef_resource_types r ON r.id = a.resource_type_id WHERE a.namespace_id = ?"
                + " ORDER BY a.created_at, r.id", ps -> ps.setInt(1, namespaceId), this::association);
    }

    /** Ids of the namespaces associated with any of these resource types (exact names). */
    public List<Integer> namespacesAssociatedWith(List<String> resourceTypes) throws SQLException {
        return Statements.query(c, "SELECT a.namespace_id, r.name FROM metadef_namespace_resource_types a"
                + " JOIN metadef_resource_types r ON r.id = a.resource_type_id", ps -> { },
                rs -> resourceTypes.contains(rs.getString(2)) ? rs.getInt(1) : null).stream()
                .filter(id -> id != null)
                .distinct()
                .toList();
    }

    public void associate(int namespaceId, int resourceTypeId, String prefix, String propertiesTarget, Instant now)
            throws SQLException {
        associate(namespaceId, resourceTypeId, prefix, propertiesTarget, now, now);
    }

    /** As upstream's loader inserts: {@code updatedAt} may be null. */
    public void associate(int namespaceId, int resourceTypeId, String prefix, String propertiesTarget,
            Instant createdAt, Instant updatedAt) throws SQLException {
        Statements.update(c, "INSERT INTO metadef_namespace_resource_types (resource_type_id, namespace_id,"
                + " properties_target, prefix, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setInt(1, resourceTypeId);
                    ps.setInt(2, namespaceId);
                    ps.setString(3, propertiesTarget);
                    ps.setString(4, prefix);
                    dialect.setTimestamp(ps, 5, createdAt);
                    dialect.setTimestamp(ps, 6, updatedAt);
                });
    }

    /** Rewrites an association's prefix and target. */
    public void updateAssociation(int namespaceId, int resourceTypeId, String prefix, String propertiesTarget,
            Instant now) throws SQLException {
        Statements.update(c, "UPDATE metadef_namespace_resource_types SET prefix = ?, properties_target = ?,"
                + " updated_at = ? WHERE namespace_id = ? AND resource_type_id = ?", ps -> {
                    ps.setString(1, prefix);
                    ps.setString(2, propertiesTarget);
                    dialect.setTimestamp(ps, 3, now);
                    ps.setInt(4, namespaceId);
                    ps.setInt(5, resourceTypeId);
                });
    }

    public void dissociateAll(int namespaceId) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_namespace_resource_types WHERE namespace_id = ?",
                ps -> ps.setInt(1, namespaceId));
    }

    public void dissociate(int namespaceId, int resourceTypeId) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_namespace_resource_types WHERE namespace_id = ?"
                + " AND resource_type_id = ?", ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setInt(2, resourceTypeId);
                });
    }

    /** Deletes a resource type no namespace is associated with any more (for unloading definitions). */
    public void delete(int id) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_resource_types WHERE id = ?", ps -> ps.setInt(1, id));
    }

    private ResourceType resourceType(ResultSet rs) throws SQLException {
        return new ResourceType(rs.getInt("id"), rs.getString("name"), Statements.flag(rs, "protected"),
                dialect.getTimestamp(rs, "created_at"), dialect.getTimestamp(rs, "updated_at"));
    }

    private ResourceTypeAssociation association(ResultSet rs) throws SQLException {
        return new ResourceTypeAssociation(rs.getString("name"), rs.getString("prefix"),
                rs.getString("properties_target"), dialect.getTimestamp(rs, "created_at"),
                dialect.getTimestamp(rs, "updated_at"));
    }
}
