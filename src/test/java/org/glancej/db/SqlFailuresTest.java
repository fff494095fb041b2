package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Which failures mean "the database is unavailable" and which leave their connection trusted. */
class SqlFailuresTest {

    @Test
    void sqliteFileProblemsAreUnavailability() {
        assertThat(SqlFailures.unavailableReason(sqlite(SQLiteErrorCode.SQLITE_FULL)))
                .contains("the disk holding the database is full");
        assertThat(SqlFailures.unavailableReason(sqlite(SQLiteErrorCode.SQLITE_IOERR_WRITE)))
                .contains("the database file cannot be read or written");
        assertThat(SqlFailures.unavailableReason(sqlite(SQLiteErrorCode.SQLITE_READONLY_DBMOVED)))
                .contains("the database file is read-only");
        assertThat(SqlFailures.unavailableReason(sqlite(SQLiteErrorCode.SQLITE_CANTOPEN)))
                .contains("the database file cannot be opened");
        assertThat(SqlFailures.unavailableReason(sqlite(SQLiteErrorCode.SQLITE_ERROR))).isEmpty();
        assertThat(SqlFailures.unavailableReason(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE))).isEmpty();
    }

    @Test
    void serverConnectionAndShutdownStatesAreUnavailability() {
        assertThat(SqlFailures.unavailableReason(new SQLException("refused", "08001")))
                .contains("cannot connect to the database server");
        assertThat(SqlFailures.unavailableReason(new SQLException("admin shutdown", "57P01")))
                .contains("the database server is shutting down or starting up");
        assertThat(SqlFailures.unavailableReason(new SQLException("disk full", "53100")))
                .contains("the database server's disk is full");
        assertThat(SqlFailures.unavailableReason(new SQLException("read only", "25006")))
                .contains("the database is read-only");
        assertThat(SqlFailures.unavailableReason(new SQLException("read only", "HY000", 1290)))
                .contains("the database is read-only");
        assertThat(SqlFailures.unavailableReason(new SQLException("gone away", "HY000", 2006)))
                .contains("the database server cannot be used");
        assertThat(SqlFailures.unavailableReason(new SQLException("syntax", "42601"))).isEmpty();
        assertThat(SqlFailures.unavailableReason(new SQLException("duplicate", "23505"))).isEmpty();
    }

    @Test
    void aPoolTimeoutIsExplainedByItsCause() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat(SqlFailures.unavailableReason(new SQLTransientConnectionException("timed out", "08001", refused)))
                .contains("cannot connect to the database server");
        assertThat(SqlFailures.unavailableReason(new SQLTransientConnectionException("timed out")))
                .contains("no database connection became available in time");
    }

    @Test
    void onlyConstraintDataAndRollbackErrorsAreStatementErrors() {
        assertThat(SqlFailures.isStatementError(new SQLException("duplicate", "23505"))).isTrue();
        assertThat(SqlFailures.isStatementError(new SQLException("too long", "22001"))).isTrue();
        assertThat(SqlFailures.isStatementError(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY))).isTrue();
        assertThat(SqlFailures.isStatementError(new IllegalStateException("no SQL involved"))).isTrue();
        assertThat(SqlFailures.isStatementError(sqlite(SQLiteErrorCode.SQLITE_FULL))).isFalse();
        assertThat(SqlFailures.isStatementError(sqlite(SQLiteErrorCode.SQLITE_ERROR))).isFalse();
        // the server rolled the transaction back; the connection itself is fine
        assertThat(SqlFailures.isStatementError(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(SqlFailures.isStatementError(new SQLException("syntax", "42601"))).isFalse();
        assertThat(SqlFailures.isStatementError(new RuntimeException(new SQLException("lost", "08006")))).isFalse();
    }

    private static SQLiteException sqlite(SQLiteErrorCode code) {
        return new SQLiteException(code.message, code);
    }
}
