package org.glancej.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Borrow-use-return of pooled connections, with one transaction per unit of work. A connection goes back to
 * the pool only in a known state: after a failure other than a plain statement error (a constraint, a bad
 * value), or when a commit, rollback or reset fails, it is closed for good. SQLite, for one, rolls a
 * transaction back by itself on a full disk or an I/O error, and a connection kept after that would run every
 * later "transaction" in autocommit, saving each statement at once while its commit fails.
 */
public final class Jdbc {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);
    /** How often a transaction that lost a deadlock runs in all. */
    private static final int CONFLICT_ATTEMPTS = 3;

    private Jdbc() {}

    /** Work on a connection; SQL failures surface unchanged so DAOs can inspect them. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in autocommit mode (single statements, reads). Throws
     * {@link DatabaseUnavailableException} when the database cannot be used, {@link DatabaseException} for
     * other SQL failures.
     */
    public static <T> T withConnection(DataSource dataSource, SqlWork<T> work) {
        return withBorrowed(dataSource, borrow(dataSource), work);
    }

    /** As {@link #withConnection}, on a connection already borrowed from {@code dataSource}; gives it back. */
    static <T> T withBorrowed(DataSource dataSource, Connection connection, SqlWork<T> work) {
        boolean trusted = false;
        try {
            T result = work.run(connection);
            trusted = true;
            return result;
        } catch (SQLException e) {
            trusted = SqlFailures.isStatementError(e);
            throw failure("database operation failed", e);
        } catch (RuntimeException | Error e) {
            trusted = SqlFailures.isStatementError(e);
            throw e;
        } finally {
            giveBack(dataSource, connection, trusted);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws anything; the
     * same exceptions as {@link #withConnection}. On SQLite the transaction takes the write lock when it
     * begins, so read-then-write work cannot fail with SQLITE_BUSY halfway.
     */
    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inOneTransaction(dataSource, work);
            } catch (DatabaseException e) {
                // a deadlock between two requests touching the same rows: the loser runs again
                if (attempt >= CONFLICT_ATTEMPTS || !SqlFailures.isTransactionConflict(e)) {
                    throw e;
                }
                LOG.info("database transaction lost a deadlock, running it again (attempt {} of {})", attempt + 1,
                        CONFLICT_ATTEMPTS);
            }
        }
    }

    private static <T> T inOneTransaction(DataSource dataSource, SqlWork<T> work) {
        Connection connection = borrow(dataSource);
        boolean trusted = false;
        try {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException | Error e) {
                trusted = rolledBack(connection, e) && SqlFailures.isStatementError(e);
                throw e;
            }
            connection.commit();
            trusted = true;
            return result;
        } catch (SQLException e) {
            throw failure("database transaction failed", e);
        } finally {
            if (trusted) {
                trusted = autocommitRestored(connection);
            }
            giveBack(dataSource, connection, trusted);
        }
    }

    /** True when {@code e} reports a duplicate primary key or unique constraint, on any of the three servers. */
    public static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                if ("23505".equals(state)                                   // PostgreSQL unique_violation
                        || sql.getErrorCode() == 1062                       // MySQL ER_DUP_ENTRY
                        || message.contains("UNIQUE constraint failed")     // SQLite
                        || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The exception callers see for {@code e}: unavailable when the database cannot be used, else a failure. */
    static DatabaseException failure(String what, SQLException e) {
        Optional<String> unavailable = SqlFailures.unavailableReason(e);
        if (unavailable.isPresent()) {
            return new DatabaseUnavailableException(unavailable.get(), e.getMessage(), e);
        }
        return new DatabaseException(what + ": " + e.getMessage(), e);
    }

    private static Connection borrow(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            // whatever keeps the pool from handing out a connection, the database cannot be used now
            String reason = SqlFailures.unavailableReason(e).orElse("cannot connect to the database");
            throw new DatabaseUnavailableException(reason, e.getMessage(), e);
        }
    }

    private static boolean rolledBack(Connection connection, Throwable cause) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    // the pool would restore autocommit itself, but could not tell us when that fails
    private static boolean autocommitRestored(Connection connection) {
        try {
            connection.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            LOG.warn("cannot restore autocommit on a database connection: {}", e.getMessage());
            return false;
        }
    }

    private static void giveBack(DataSource dataSource, Connection connection, boolean trusted) {
        if (!trusted) {
            discard(dataSource, connection);
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // a discarded connection may well fail to close (the pool has closed what it wraps); a trusted one has
            // had its state restored already
            LOG.debug("closing a database connection failed: {}", e.getMessage());
        }
    }

    private static void discard(DataSource dataSource, Connection connection) {
        try {
            if (dataSource.isWrapperFor(ConnectionPool.class)) {
                dataSource.unwrap(ConnectionPool.class).discard(connection);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot discard a database connection: {}", e.getMessage());
        }
    }
}
