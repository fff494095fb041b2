package org.glancej.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Sorts SQL failures into the two kinds the rest of the service treats differently: the database being
 * unavailable (it cannot be reached, read or written: the request may succeed later, answered 503) and
 * plain statement errors (a constraint or a value refused: the connection is as sound as before).
 * Anything else is a bug or an unknown state and leaves its connection untrusted.
 */
final class SqlFailures {
    private SqlFailures() {}

    // SQLite primary result codes meaning the file cannot be read or written right now
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    // SQLite codes for a statement refused on its own: too big, constraint, type mismatch, bind index
    private static final Set<Integer> SQLITE_STATEMENT_ERRORS = Set.of(18, 19, 20, 25);

    // MariaDB/MySQL server and client error numbers outside SQLSTATE class 08 that mean the same
    private static final Set<Integer> MYSQL_UNAVAILABLE = Set.of(
            1021,  // ER_DISK_FULL
            1030,  // ER_GET_ERRNO (storage engine errors, 28 being ENOSPC)
            1040,  // ER_CON_COUNT_ERROR
            1053,  // ER_SERVER_SHUTDOWN
            1114,  // ER_RECORD_FILE_FULL
            1290,  // ER_OPTION_PREVENTS_STATEMENT (--read-only)
            1792,  // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
            1836,  // ER_READ_ONLY_MODE
            1927,  // ER_CONNECTION_KILLED
            2002, 2003, 2006, 2013);  // cannot connect, server gone away, lost connection

    /**
     * Why the database is unavailable, in words safe to show clients (no host, user or SQL), or empty when
     * {@code failure} is not about availability.
     */
    static Optional<String> unavailableReason(Throwable failure) {
        Optional<String> poolTimeout = Optional.empty();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e instanceof SQLTransientConnectionException) {
                        // the pool's own timeout: a cause, when there is one, says why no connection was made
                        poolTimeout = Optional.of("no database connection became available in time");
                        continue;
                    }
                    Optional<String> reason = reasonOf(e);
                    if (reason.isPresent()) {
                        return reason;
                    }
                }
            }
        }
        return poolTimeout;
    }

    /**
     * True when every SQL failure in {@code failure} is one statement refused on its own merits (a constraint,
     * a value): after a rollback its connection is in a known state. A failure with no SQL cause at all (the
     * work gave up by itself) counts as well.
     */
    static boolean isStatementError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && !isStatementError(sql)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStatementError(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return SQLITE_STATEMENT_ERRORS.contains(primaryCode(sqlite));
        }
        String state = e.getSQLState();
        // SQLSTATE classes 22 (data exception), 23 (integrity constraint violation) and 40 (transaction
        // rollback: a deadlock or serialization failure, after which the connection is as good as before)
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("40"));
    }

    /**
     * A deadlock or serialization failure: the database rolled the transaction back and running it again may
     * well succeed (MariaDB 1213/40001, PostgreSQL 40001/40P01; SQLite's busy timeout already waits).
     */
    static boolean isTransactionConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState())
                    || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> reasonOf(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return sqliteReason(primaryCode(sqlite));
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return Optional.of("cannot connect to the database server");
        }
        if (state.startsWith("57P") || e.getErrorCode() == 1053) {
            return Optional.of("the database server is shutting down or starting up");
        }
        if (state.equals("53100") || e.getErrorCode() == 1021 || e.getErrorCode() == 1114) {
            return Optional.of("the database server's disk is full");
        }
        if (state.startsWith("53")) {
            return Optional.of("the database server is out of resources");
        }
        if (state.equals("25006") || e.getErrorCode() == 1290 || e.getErrorCode() == 1792
                || e.getErrorCode() == 1836) {
            return Optional.of("the database is read-only");
        }
        if (state.startsWith("58") || MYSQL_UNAVAILABLE.contains(e.getErrorCode())) {
            return Optional.of("the database server cannot be used");
        }
        return Optional.empty();
    }

    private static Optional<String> sqliteReason(int code) {
        return Optional.ofNullable(switch (code) {
            case SQLITE_FULL -> "the disk holding the database is full";
            case SQLITE_IOERR -> "the database file cannot be read or written";
            case SQLITE_READONLY -> "the database file is read-only";
            case SQLITE_CANTOPEN -> "the database file cannot be opened";
            case SQLITE_BUSY, SQLITE_LOCKED -> "the database file stayed locked by another writer";
            default -> null;
        });
    }

    private static int primaryCode(SQLiteException e) {
        SQLiteErrorCode code = e.getResultCode();
        return (code == null ? e.getErrorCode() : code.code) & 0xff;
    }
}
