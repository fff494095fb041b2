package org.glancej.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Borrow-use-return of pooled connections, with one transaction per unit of work. */
public final class Jdbc {
    private Jdbc() {}

    /** Work on a connection; SQL failures surface unchanged so DAOs can inspect them. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in autocommit mode (single statements, reads). */
    public static <T> T withConnection(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException("database operation failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws anything.
     * On SQLite the transaction takes the write lock when it begins, so read-then-write work cannot fail
     * with SQLITE_BUSY halfway. The pool restores autocommit when the connection goes back.
     */
    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("database transaction failed: " + e.getMessage(), e);
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

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
