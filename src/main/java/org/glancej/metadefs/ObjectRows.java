package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.glancej.db.Dialect;

/** {@code metadef_objects} of one namespace at a time, on one connection. */
public final class ObjectRows {
    private static final String COLUMNS = "id, name, description, required, json_schema, created_at, updated_at";

    private final Connection c;
    private final Dialect dialect;

    ObjectRows(Connection c, Dialect dialect) {
        this.c = requireNonNull(c, "c is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /**
     * The namespace's objects by name (upstream's answer follows its unique index on the name; sorting here
     * keeps every database's order the same).
     */
    public List<MetadefObject> list(int namespaceId) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_objects WHERE namespace_id = ?",
                ps -> ps.setInt(1, namespaceId), this::object).stream()
                .sorted(Comparator.comparing(MetadefObject::name).thenComparing(MetadefObject::id))
                .toList();
    }

    public Optional<MetadefObject> find(int namespaceId, String name) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_objects WHERE namespace_id = ? AND name = ?",
                ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setString(2, name);
                }, this::object).stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public MetadefObject insert(int namespaceId, String name, String description, List<String> required,
            ObjectNode properties, Instant now) throws SQLException {
        return insert(namespaceId, name, description, required, properties, now, now);
    }

    /** As upstream's loader inserts: {@code updatedAt} may be null. */
    public MetadefObject insert(int namespaceId, String name, String description, List<String> required,
            ObjectNode properties, Instant createdAt, Instant updatedAt) throws SQLException {
        Statements.update(c, "INSERT INTO metadef_objects (namespace_id, name, description, required, json_schema,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setString(2, name);
                    ps.setString(3, description);
                    ps.setString(4, joined(required));
                    ps.setString(5, properties.toString());
                    dialect.setTimestamp(ps, 6, createdAt);
                    dialect.setTimestamp(ps, 7, updatedAt);
                });
        return find(namespaceId, name).orElseThrow();
    }

    public MetadefObject update(int namespaceId, int id, String name, String description, List<String> required,
            ObjectNode properties, Instant now) throws SQLException {
        Statements.update(c, "UPDATE metadef_objects SET name = ?, description = ?, required = ?, json_schema = ?,"
                + " updated_at = ? WHERE id = ?", ps -> {
                    ps.setString(1, name);
                    ps.setString(2, description);
                    ps.setString(3, joined(required));
                    ps.setString(4, properties.toString());
                    dialect.setTimestamp(ps, 5, now);
                    ps.setInt(6, id);
                });
        return find(namespaceId, name).orElseThrow();
    }

    public void delete(int id) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_objects WHERE id = ?", ps -> ps.setInt(1, id));
    }

    public void deleteAll(int namespaceId) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_objects WHERE namespace_id = ?", ps -> ps.setInt(1, namespaceId));
    }

    // upstream stores no list at all as NULL, and reads NULL or '' as no names
    private static String joined(List<String> required) {
        return required.isEmpty() ? null : String.join(",", required);
    }

    private MetadefObject object(ResultSet rs) throws SQLException {
        String required = rs.getString("required");
        return new MetadefObject(rs.getInt("id"), rs.getString("name"), rs.getString("description"),
                required == null || required.isEmpty() ? List.of() : Arrays.asList(required.split(",", -1)),
                StoredJson.object(rs.getString("json_schema")), dialect.getTimestamp(rs, "created_at"),
                dialect.getTimestamp(rs, "updated_at"));
    }
}
