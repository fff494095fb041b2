package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glancej.db.Dialect;

/** {@code metadef_tags} of one namespace at a time, on one connection. */
public final class TagRows {
    private static final String COLUMNS = "id, name, created_at, updated_at";

    private final Connection c;
    private final Dialect dialect;

    TagRows(Connection c, Dialect dialect) {
        this.c = requireNonNull(c, "c is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** The namespace's tags, oldest first. */
    public List<MetadefTag> list(int namespaceId) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_tags WHERE namespace_id = ?"
                + " ORDER BY created_at, id", ps -> ps.setInt(1, namespaceId), this::tag);
    }

    public Optional<MetadefTag> find(int namespaceId, String name) throws SQLException {
        return Statements.query(c, "SELECT " + COLUMNS + " FROM metadef_tags WHERE namespace_id = ? AND name = ?",
                ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setString(2, name);
                }, this::tag).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public MetadefTag insert(int namespaceId, String name, Instant now) throws SQLException {
        return insert(namespaceId, name, now, now);
    }

    /** As upstream's loader inserts: {@code updatedAt} may be null. */
    public MetadefTag insert(int namespaceId, String name, Instant createdAt, Instant updatedAt) throws SQLException {
        Statements.update(c, "INSERT INTO metadef_tags (namespace_id, name, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?)", ps -> {
                    ps.setInt(1, namespaceId);
                    ps.setString(2, name);
                    dialect.setTimestamp(ps, 3, createdAt);
                    dialect.setTimestamp(ps, 4, updatedAt);
                });
        return find(namespaceId, name).orElseThrow();
    }

    public MetadefTag rename(int namespaceId, int id, String name, Instant now) throws SQLException {
        Statements.update(c, "UPDATE metadef_tags SET name = ?, updated_at = ? WHERE id = ?", ps -> {
            ps.setString(1, name);
            dialect.setTimestamp(ps, 2, now);
            ps.setInt(3, id);
        });
        return find(namespaceId, name).orElseThrow();
    }

    public void delete(int id) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_tags WHERE id = ?", ps -> ps.setInt(1, id));
    }

    public void deleteAll(int namespaceId) throws SQLException {
        Statements.update(c, "DELETE FROM metadef_tags WHERE namespace_id = ?", ps -> ps.setInt(1, namespaceId));
    }

    private MetadefTag tag(ResultSet rs) throws SQLException {
        return new MetadefTag(rs.getInt("id"), rs.getString("name"), dialect.getTimestamp(rs, "created_at"),
                dialect.getTimestamp(rs, "updated_at"));
    }
}
