package org.glancej.members;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;
import org.glancej.db.ColumnCollation;

/**
 * Memberships in upstream's {@code image_members} table, soft-deleted as upstream does. Upstream keeps one
 * row per (image, member) and revives it when the member is added again, so this DAO does the same.
 */
public final class MemberDao {
    private static final String COLUMNS = "image_id, member, status, created_at, updated_at";

    private final DataSource dataSource;
    private final Dialect dialect;

    public MemberDao(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** What {@link #add} did. */
    public sealed interface Addition {}

    public record Added(ImageMember member) implements Addition {}

    /** The image already has {@code attempted - 1} members and may not have {@code attempted}. */
    public record OverQuota(long attempted) implements Addition {}

    public record AlreadyMember() implements Addition {}

    /** The image's live members, oldest row first. */
    public List<ImageMember> list(String imageId) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM image_members"
                    + " WHERE image_id = ? AND deleted = ? ORDER BY id")) {
                ps.setString(1, imageId);
                ps.setBoolean(2, false);
                List<ImageMember> members = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        members.add(member(rs));
                    }
                }
                return members;
            }
        });
    }

    public Optional<ImageMember> find(String imageId, String memberId) {
        return Jdbc.withConnection(dataSource, c -> find(c, imageId, memberId));
    }

    /**
     * Adds {@code memberId} as a pending member, unless the image would then have more than {@code quota}
     * members (negative: no limit) or already has it, checked in that order as upstream does. Adds to one
     * image are serialised on the image's row, so neither check can be raced past.
     */
    public Addition add(String imageId, String memberId, int quota, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            lockImage(c, imageId);
            if (quota >= 0) {
                long attempted = count(c, imageId) + 1;
                if (attempted > quota) {
                    return new OverQuota(attempted);
                }
            }
            if (hasCollidingMember(c, imageId, memberId)) {
                return new AlreadyMember();
            }
            if (!revive(c, imageId, memberId, now)) {
                insert(c, imageId, memberId, now);
            }
            return new Added(find(c, imageId, memberId).orElseThrow());
        });
    }

    /**
     * Sets a live member's status; like upstream, a status that does not change leaves {@code updated_at}
     * alone. Empty when there is no such member.
     */
    public Optional<ImageMember> setStatus(String imageId, String memberId, MemberStatus status, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (find(c, imageId, memberId).isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE image_members SET status = ?, updated_at = ?"
                    + " WHERE image_id = ? AND member = ? AND deleted = ? AND status <> ?")) {
                ps.setString(1, status.wire());
                dialect.setTimestamp(ps, 2, now);
                ps.setString(3, imageId);
                ps.setString(4, memberId);
                ps.setBoolean(5, false);
                ps.setString(6, status.wire());
                ps.executeUpdate();
            }
            return find(c, imageId, memberId);
        });
    }

    /** Soft-deletes a live member; false when there is none. */
    public boolean remove(String imageId, String memberId, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            if (find(c, imageId, memberId).isEmpty()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE image_members SET deleted = ?, deleted_at = ?,"
                    + " updated_at = ? WHERE image_id = ? AND member = ? AND deleted = ?")) {
                ps.setBoolean(1, true);
                dialect.setTimestamp(ps, 2, now);
                dialect.setTimestamp(ps, 3, now);
                ps.setString(4, imageId);
                ps.setString(5, memberId);
                ps.setBoolean(6, false);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * The live membership of exactly this member id. MariaDB's collation would also match the id in another
     * letter case or without its accents ({@link ColumnCollation}); such rows are not this member anywhere.
     */
    private Optional<ImageMember> find(Connection c, String imageId, String memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM image_members"
                + " WHERE image_id = ? AND member = ? AND deleted = ? ORDER BY id")) {
            ps.setString(1, imageId);
            ps.setString(2, memberId);
            ps.setBoolean(3, false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ImageMember member = member(rs);
                    if (member.memberId().equals(memberId)) {
                        return Optional.of(member);
                    }
                }
                return Optional.empty();
            }
        }
    }

    /** Whether a live member's id equals {@code memberId} or differs from it only as MariaDB's collation ignores. */
    private boolean hasCollidingMember(Connection c, String imageId, String memberId) throws SQLException {
        String key = ColumnCollation.key(memberId);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT member FROM image_members WHERE image_id = ? AND deleted = ?")) {
            ps.setString(1, imageId);
            ps.setBoolean(2, false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ColumnCollation.key(rs.getString(1)).equals(key)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** SQLite transactions here already hold the database's write lock; the servers lock the image row. */
    private void lockImage(Connection c, String imageId) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images WHERE id = ? FOR UPDATE")) {
            ps.setString(1, imageId);
            ps.executeQuery().close();
        }
    }

    private long count(Connection c, String imageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM image_members WHERE image_id = ? AND deleted = ?")) {
            ps.setString(1, imageId);
            ps.setBoolean(2, false);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Brings back the oldest soft-deleted row of this membership as a new pending one. Its {@code created_at}
     * stays (upstream never rewrites it); {@code deleted_at} is cleared, which upstream forgets to do, so that
     * {@code glance-manage db purge} cannot take a live membership for an old deleted one.
     */
    private boolean revive(Connection c, String imageId, String memberId, Instant now) throws SQLException {
        Long id = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM image_members"
                + " WHERE image_id = ? AND member = ? AND deleted = ? ORDER BY id")) {
            ps.setString(1, imageId);
            ps.setString(2, memberId);
            ps.setBoolean(3, true);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
        }
        if (id == null) {
            return false;
        }
        // the member id as now spelt: on MariaDB the row found may spell it in another letter case
        try (PreparedStatement ps = c.prepareStatement("UPDATE image_members SET member = ?, status = ?,"
                + " can_share = ?, updated_at = ?, deleted = ?, deleted_at = NULL WHERE id = ?")) {
            ps.setString(1, memberId);
            ps.setString(2, MemberStatus.PENDING.wire());
            ps.setBoolean(3, false);
            dialect.setTimestamp(ps, 4, now);
            ps.setBoolean(5, false);
            ps.setLong(6, id);
            ps.executeUpdate();
        }
        return true;
    }

    private void insert(Connection c, String imageId, String memberId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_members (image_id, member, can_share,"
                + " created_at, updated_at, deleted_at, deleted, status) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")) {
            ps.setString(1, imageId);
            ps.setString(2, memberId);
            ps.setBoolean(3, false);
            dialect.setTimestamp(ps, 4, now);
            dialect.setTimestamp(ps, 5, now);
            ps.setBoolean(6, false);
            ps.setString(7, MemberStatus.PENDING.wire());
            ps.executeUpdate();
        }
    }

    private ImageMember member(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new ImageMember(
                rs.getString("image_id"),
                rs.getString("member"),
                MemberStatus.parse(status).orElseThrow(
                        () -> new IllegalStateException("image_members row has unknown status " + status)),
                dialect.getTimestamp(rs, "created_at"),
                dialect.getTimestamp(rs, "updated_at"));
    }
}
