package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/** What DAOs rely on, checked on every database: value encodings, constraints, transactions. */
class DatabaseRoundTripTest extends DatabaseTestSupport {
    private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07.123456Z");

    @Test
    void imageRowRoundTripsTimestampsBooleansAndVisibility() {
        String id = insertImage("community");

        database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT created_at, updated_at, deleted, protected, os_hidden, visibility FROM images WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    // MySQL DATETIME keeps whole seconds, as upstream's column does
                    Instant expected = database.dialect() == Dialect.MYSQL ? Instant.parse("2026-03-04T05:06:07Z") : CREATED;
                    assertThat(database.dialect().getTimestamp(rows, "created_at")).isEqualTo(expected);
                    assertThat(database.dialect().getTimestamp(rows, "updated_at")).isNull();
                    assertThat(rows.getBoolean("deleted")).isFalse();
                    assertThat(rows.getBoolean("protected")).isFalse();
                    assertThat(rows.getBoolean("os_hidden")).isFalse();
                    assertThat(rows.getString("visibility")).isEqualTo("community");
                }
            }
            return null;
        });
    }

    @Test
    void duplicateImageIdIsRecognisedAsDuplicateKey() {
        String id = insertImage("shared");

        assertThatThrownBy(() -> database.inTransaction(connection -> insertImage(connection, id, "shared")))
                .isInstanceOf(DatabaseException.class)
                .satisfies(e -> assertThat(Jdbc.isDuplicateKey((SQLException) e.getCause())).isTrue());
    }

    @Test
    void foreignKeysAreEnforced() {
        assertThatThrownBy(() -> database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO image_tags (image_id, value, created_at, deleted) VALUES (?, 'tag', ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                database.dialect().setTimestamp(insert, 2, CREATED);
                insert.setBoolean(3, false);
                return insert.executeUpdate();
            }
        })).isInstanceOf(DatabaseException.class)
                .satisfies(e -> assertThat(Jdbc.isDuplicateKey((SQLException) e.getCause())).isFalse());
    }

    @Test
    void failedTransactionLeavesNothingBehind() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> database.inTransaction(connection -> {
            insertImage(connection, id, "private");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(countImages()).isZero();
    }

    @Test
    void tablesAreEmptiedBetweenTests() {
        assertThat(countImages()).isZero();
        insertImage("public");
        assertThat(countImages()).isOne();
    }

    private String insertImage(String visibility) {
        String id = UUID.randomUUID().toString();
        database.inTransaction(connection -> insertImage(connection, id, visibility));
        return id;
    }

    private int insertImage(java.sql.Connection connection, String id, String visibility) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO images (id, name, status, created_at, deleted, min_disk, min_ram, visibility)
                VALUES (?, 'cirros', 'queued', ?, ?, 0, 0, ?)""")) {
            insert.setString(1, id);
            database.dialect().setTimestamp(insert, 2, CREATED);
            insert.setBoolean(3, false);
            insert.setString(4, visibility);
            return insert.executeUpdate();
        }
    }

    private long countImages() {
        return database.withConnection(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM images")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
