package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.glancej.db.testing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Work on a second pooled connection, on every database (the test pools hold 4 connections and wait up to
 * {@code pool_timeout}, 5 s, for one): started only when a connection is idle, never waiting for one.
 */
class SideWorkTest extends DatabaseTestSupport {
    private static final int POOL_SIZE = 4;
    /** Below the pool's 5 s wait: a borrow that waited for a connection would fail these tests. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @Test
    void runsInAnotherThreadOnAnotherConnectionWhenOneIsIdle() throws Exception {
        DataSource pool = database.dataSource();
        try (Connection own = pool.getConnection()) {
            Connection ownDriverConnection = own.unwrap(Connection.class);
            Thread caller = Thread.currentThread();

            SideWork<List<Object>> side = startOnceIdle(pool, c -> List.of(c.unwrap(Connection.class),
                    Thread.currentThread(), one(c)));

            List<Object> seen = side.join();
            assertThat(seen.get(0)).isNotSameAs(ownDriverConnection);
            assertThat(seen.get(1)).isNotSameAs(caller).matches(t -> ((Thread) t).isVirtual());
            assertThat(seen.get(2)).isEqualTo(1);
        }
    }

    @Test
    void isEmptyAtOnceWhenEveryConnectionIsHeld() throws Exception {
        List<Connection> held = borrowAll();
        try {
            long start = System.nanoTime();
            Optional<SideWork<Integer>> side = SideWork.startIfFree(database.dataSource(), SideWorkTest::one);

            assertThat(side).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        } finally {
            closeAll(held);
        }
    }

    @Test
    void aFailingSideStatementFailsTheJoinAndEveryConnectionComesBack() {
        assertTimeoutPreemptively(PROMPTLY, () -> {
            SideWork<Integer> side = startOnceIdle(database.dataSource(), c -> {
                try (Statement statement = c.createStatement();
                        ResultSet rs = statement.executeQuery("SELECT nothing FROM no_such_table")) {
                    return 0;
                }
            });

            assertThatThrownBy(side::join).isInstanceOf(SQLException.class);
            closeAll(borrowAll()); // a connection kept by the failed work would leave the last borrow waiting, then failing
        });
    }

    private static int one(Connection c) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Starts the work, once the pool (filling in the background after it opened) has an idle connection. */
    private static <T> SideWork<T> startOnceIdle(DataSource pool, Jdbc.SqlWork<T> work) throws InterruptedException {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SideWork<T>> side = SideWork.startIfFree(pool, work);
            if (side.isPresent()) {
                return side.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the pool never had an idle connection");
    }

    private List<Connection> borrowAll() throws SQLException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < POOL_SIZE; i++) {
            held.add(database.dataSource().getConnection());
        }
        return held;
    }

    private static void closeAll(List<Connection> connections) throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }
}
