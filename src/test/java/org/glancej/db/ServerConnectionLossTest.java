package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A database server ending a session in the middle of a transaction (as it does when it is stopped): the
 * work is reported unavailable, nothing of it is stored, and the pool lends that connection to nobody again.
 */
class ServerConnectionLossTest extends DatabaseTestSupport {

    @Test
    void aTransactionWhoseSessionTheServerEndsIsUnavailableAndLeavesNothing() {
        assumeTrue(backend.dialect() != Dialect.SQLITE, "an embedded database has no server session to end");
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> database.inTransaction(c -> {
            insertImage(c, id);
            endOwnSession(c);
            return null;
        })).isInstanceOf(DatabaseUnavailableException.class);

        // more transactions than the pool has connections: none may meet the ended session
        for (int i = 0; i < 6; i++) {
            String later = UUID.randomUUID().toString();
            database.inTransaction(c -> {
                insertImage(c, later);
                return null;
            });
        }
        assertThat(count("SELECT COUNT(*) FROM images WHERE id = '" + id + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM images")).isEqualTo(6);
    }

    private void endOwnSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(backend.dialect() == Dialect.POSTGRESQL
                    ? "SELECT pg_terminate_backend(pg_backend_pid())"
                    : "KILL CONNECTION_ID()");
        }
    }

    private long count(String sql) {
        return database.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void insertImage(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (id, status, created_at, deleted,"
                + " min_disk, min_ram) VALUES (?, 'queued', ?, ?, 0, 0)")) {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(Instant.parse("2026-01-02T03:04:05Z")));
            ps.setBoolean(3, false);
            ps.executeUpdate();
        }
    }
}
