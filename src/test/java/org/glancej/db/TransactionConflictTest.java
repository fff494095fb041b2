package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction that loses a deadlock runs again, a few times at most, on a connection still trusted. */
class TransactionConflictTest {
    @TempDir
    Path dir;

    @Test
    void deadlocksAndSerializationFailuresAreConflicts() {
        assertThat(SqlFailures.isTransactionConflict(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(SqlFailures.isTransactionConflict(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(SqlFailures.isTransactionConflict(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(SqlFailures.isTransactionConflict(new SQLException("duplicate", "23505"))).isFalse();
        assertThat(SqlFailures.isStatementError(new SQLException("Deadlock found", "40001", 1213))).isTrue();
    }

    @Test
    void aTransactionThatLostADeadlockRunsAgain() {
        try (Database database = Database.open(DatabaseConfig.forConnection("sqlite:///" + dir.resolve("g.sqlite")))) {
            AtomicInteger runs = new AtomicInteger();
            String result = Jdbc.inTransaction(database.dataSource(), c -> {
                if (runs.incrementAndGet() < 3) {
                    throw new SQLException("Deadlock found when trying to get lock", "40001", 1213);
                }
                return "done";
            });
            assertThat(result).isEqualTo("done");
            assertThat(runs).hasValue(3);
        }
    }

    @Test
    void aTransactionThatKeepsLosingFailsAfterItsAttempts() {
        try (Database database = Database.open(DatabaseConfig.forConnection("sqlite:///" + dir.resolve("h.sqlite")))) {
            AtomicInteger runs = new AtomicInteger();
            assertThatThrownBy(() -> Jdbc.inTransaction(database.dataSource(), c -> {
                runs.incrementAndGet();
                throw new SQLException("deadlock detected", "40P01");
            })).isInstanceOf(DatabaseException.class);
            assertThat(runs).hasValue(3);
        }
    }
}
