package org.glancej.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;
import org.glancej.common.Uninterruptible;

/**
 * Reads run on a second pooled connection, in a virtual thread, while the request goes on with its own: for
 * the few requests whose statements are independent and each take milliseconds (a page of 1,000 images), so
 * the database works on two of them at once. Started only when the pool has an idle connection at once
 * ({@link ConnectionPool#borrowIfFree}); otherwise the caller does the work itself, on its own connection, so
 * a busy pool never makes a request wait for a second connection. Each statement runs in autocommit, as on
 * the caller's connection: the side reads see what was committed when they run, as a later statement there would.
 */
public final class SideWork<T> {
    private final FutureTask<T> task;

    private SideWork(FutureTask<T> task) {
        this.task = task;
    }

    /** The work started on an idle pooled connection, or empty when none is idle (or the pool is not ours). */
    public static <T> Optional<SideWork<T>> startIfFree(DataSource dataSource, Jdbc.SqlWork<T> work) {
        Optional<Connection> connection;
        try {
            connection = dataSource.isWrapperFor(ConnectionPool.class)
                    ? dataSource.unwrap(ConnectionPool.class).borrowIfFree()
                    : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty(); // the caller's own connection then reports whatever is wrong
        }
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        FutureTask<T> task = new FutureTask<>(() -> Jdbc.withBorrowed(dataSource, connection.get(), work));
        Thread.ofVirtual().name("glance-side-read").start(task);
        return Optional.of(new SideWork<>(task));
    }

    /**
     * Waits for the work: its result, or its failure as the caller's own statement would have failed: the
     * {@link SQLException} (the side connection was already given back or discarded as {@link Jdbc} does).
     */
    public T join() throws SQLException {
        try {
            // the side read takes milliseconds and holds a pooled connection: wait for it whatever happens
            return Uninterruptible.get(task);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DatabaseException && cause.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
