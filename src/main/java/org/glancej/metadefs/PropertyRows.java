package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.glancej.db.Dialect;

/** {@code metadef_properties}: the property definitions of one namespace at a time, on one connection. */
public final class PropertyRows {
    private static final String COLUMNS = "id, name, json_schema";

    private final Connection c;
    private final Dialect dialect;

    PropertyRows(Connection c, Dialect dialect) {
        this.c = requireNonNull(c, "c is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** The namespace's properties by name, as {@link ObjectRows#list} orders objects. */
    public List<MetadefProperty> list(int namespaceId) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_properties WHERE namespace_id = ?",
                ps -> ps.setInt(1, namespaceId), PropertyRows::property).stream()
                .sorted(Comparator.comparing(MetadefProperty::name).thenComparing(MetadefProperty::id))
                .toList();
    }

    public Optional<MetadefProperty> find(int namespaceId, String name) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_properties"
                + " WHERE namespace_id = ? AND name = ?", ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setString(2, name);
                }, PropertyRows::property).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public MetadefProperty insert(int namespaceId, String name, ObjectNode schema, Instant now) throws SQLException {
        return insert(namespaceId, name, schema, now, now);
    }

    /** As upstream's loader inserts: {@code updatedAt} may be null. */
    public MetadefProperty insert(int namespaceId, String name, ObjectNode schema, Instant createdAt,
            Instant updatedAt) throws SQLException {
        Statements.update(c, "INSERT INTO metadef_properties (namespace_id, name, json_schema, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setString(2, name);
                    ps.setString(3, schema.toString());
                    dialect.setTimestamp(ps, 4, createdAt);
                    dialect.setTimestamp(ps, 5, updatedAt);
                });
        return find(namespaceId, name).orElseThrow();
    }

    public MetadefProperty update(int namespaceId, int id, String name, ObjectNode schema, Instant now)
            throws SQLException {
        Statements.update(c, "UPDATE metadef_properties SET name = ?, json_schema = ?, updated_at = ? WHERE id = ?",
                ps -> {
                    ps.setString(1, name);
                    ps.setString(2, schema.toString());
                    dialect.setTimestamp(ps, 3, now);
                    ps.setInt(4, id);
                });
        return find(namespaceId, name).orElseThrow();
    }

    public void delete(int id) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_properties WHERE id = ?", ps -> ps.setInt(1, id));
    }

    public void deleteAll(int namespaceId) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_properties WHERE namespace_id = ?",
                ps -> ps.setInt(1, namespaceId));
    }

    private static MetadefProperty property(ResultSet rs) throws SQLException {
        return new MetadefProperty(rs.getInt("id"), rs.getString("name"), StoredJson.object(rs.getString("json_schema")));
    }
}
