package org.glancej.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite serialises writers; the pool settings must make them queue, never fail with SQLITE_BUSY. */
class SqliteConcurrencyTest {
    private static final int THREADS = 16;
    private static final int WRITES_PER_THREAD = 25;

    @TempDir
    Path tempDir;

    @Test
    void sixteenConcurrentWritersAndReadersAllSucceed() throws Exception {
        try (Database database = Database.open(DatabaseConfig.forConnection("sqlite:///" + tempDir.resolve("g.sqlite")))) {
            new SchemaMigrator(database).migrate();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_PER_THREAD; i++) {
                        insertImageWithTagReadingFirst(database);
                    }
                    return null;
                }));
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_PER_THREAD; i++) {
                        countImages(database);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES); // rethrows any failure, SQLITE_BUSY included
            }
            pool.shutdown();

            assertThat(countImages(database)).isEqualTo((long) THREADS * WRITES_PER_THREAD);
        }
    }

    // read-then-write in one transaction: the pattern that fails under SQLite's default deferred locking
    private static void insertImageWithTagReadingFirst(Database database) {
        database.inTransaction(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM images")) {
                rows.next();
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement image = connection.prepareStatement("""
                    INSERT INTO images (id, status, created_at, deleted, min_disk, min_ram)
                    VALUES (?, 'queued', ?, 0, 0, 0)""");
                    PreparedStatement tag = connection.prepareStatement(
                            "INSERT INTO image_tags (image_id, value, created_at, deleted) VALUES (?, 'x', ?, 0)")) {
                image.setString(1, id);
                database.dialect().setTimestamp(image, 2, Instant.now());
                image.executeUpdate();
                tag.setString(1, id);
                database.dialect().setTimestamp(tag, 2, Instant.now());
                tag.executeUpdate();
            }
            return null;
        });
    }

    private static long countImages(Database database) {
        return database.withConnection(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM images")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
