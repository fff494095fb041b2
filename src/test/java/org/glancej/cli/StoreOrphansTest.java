package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glancej.cli.GlanceManageTest.Result;
import org.glancej.db.Database;
import org.glancej.db.SchemaMigrator;
import org.glancej.db.testing.FreshDatabase;
import org.glancej.db.testing.TestBackend;
import org.glancej.images.Image;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageStatus;
import org.glancej.images.UploadDao;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code glance-manage store orphans}: lists what nothing accounts for, removes it only when asked. */
@ParameterizedClass(name = "[{0}]")
@MethodSource("org.glancej.db.testing.TestBackend#all")
class StoreOrphansTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:00:00Z");

    @Parameter
    TestBackend backend;

    @TempDir
    Path tempDir;

    private FreshDatabase fresh;
    private Database database;
    private Path configFile;
    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        backend.assumeAvailable();
        fresh = backend.create(tempDir);
        database = fresh.open();
        new SchemaMigrator(database).migrate();
        store = tempDir.resolve("images");
        Files.createDirectories(store);
        configFile = tempDir.resolve("glance-api.conf");
        Files.writeString(configFile, "[database]\nconnection = " + fresh.connection()
                + "\n[glance_store]\nfilesystem_store_datadir = " + store + "\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (database != null) {
            database.close();
        }
        if (fresh != null) {
            fresh.close();
        }
    }

    private String image() {
        String id = UUID.randomUUID().toString();
        new ImageDao(database.dataSource(), database.dialect()).insert(new Image(id, "x", ImageStatus.QUEUED,
                Visibility.SHARED, false, false, null, null, null, null, null, null, "raw", "bare", 0, 0, T0, T0,
                Map.of(), List.of(), List.of()));
        return id;
    }

    @Test
    void listsOnlyFilesNothingAccountsForAndRemovesThemOnlyWithDelete() throws Exception {
        ImageDao images = new ImageDao(database.dataSource(), database.dialect());
        UploadDao uploads = new UploadDao(database.dataSource(), database.dialect());
        String active = image();
        uploads.begin(active, "node", "file://" + store.resolve(active), T0);
        images.activate(ImageChanges.uploaded(images.find(active).orElseThrow(), 1, 1L, "m", "sha512", "h", T0),
                new ImageLocation("file://" + store.resolve(active), Map.of(), "active"), "node");
        String inFlight = image();
        uploads.begin(inFlight, "node", "file://" + store.resolve(inFlight), T0);
        String deleted = image();
        uploads.begin(deleted, "node", "file://" + store.resolve(deleted), T0);
        images.delete(deleted, T0);
        for (String id : List.of(active, inFlight, deleted, "stray")) {
            Files.write(store.resolve(id), new byte[7]);
        }

        Result dryRun = GlanceManageTest.GlanceManageMainRunner.run(tempDir, "--config-file", configFile.toString(),
                "store", "orphans");

        assertThat(dryRun.status()).isZero();
        assertThat(dryRun.out()).isEqualTo("file://" + store.resolve("stray") + "\t7\torphan\n"
                + "1 orphan file(s), 7 bytes (dry run; --delete removes them)\n");
        assertThat(store.resolve("stray")).exists();

        Result delete = GlanceManageTest.GlanceManageMainRunner.run(tempDir, "--config-file", configFile.toString(),
                "store", "orphans", "--delete");

        assertThat(delete.out()).isEqualTo("file://" + store.resolve("stray") + "\t7\tremoved\n"
                + "1 orphan file(s), 7 bytes\n");
        assertThat(store.resolve("stray")).doesNotExist();
        // the deleted image's data is a pending removal, which the service itself carries out
        assertThat(store.resolve(active)).exists();
        assertThat(store.resolve(inFlight)).exists();
        assertThat(store.resolve(deleted)).exists();
    }
}
