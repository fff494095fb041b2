package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import java.util.OptionalLong;
import org.glancej.store.file.FileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting an image removes its data in every status; a removal that fails is kept and retried. */
class DataRemovalTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-01-02T03:00:00Z");

    @TempDir
    Path storeDir;

    private ImageDao images;
    private UploadDao uploads;
    private PendingDataDao pending;
    private FileStore files;
    private final AtomicBoolean storeFails = new AtomicBoolean();
    private DataRemover remover;

    @BeforeEach
    void wire() {
        images = new ImageDao(database.dataSource(), database.dialect());
        uploads = new UploadDao(database.dataSource(), database.dialect());
        pending = new PendingDataDao(database.dataSource(), database.dialect());
        files = new FileStore(storeDir);
        remover = new DataRemover(pending, StoreRegistry.single(new FailingDeletes(files, storeFails)), Clock.systemUTC());
    }

    private String queued() {
        String id = UUID.randomUUID().toString();
        images.insert(new Image(id, "img", ImageStatus.QUEUED, Visibility.SHARED, false, false, null, null, null,
                null, null, null, "raw", "bare", 0, 0, T0, T0, Map.of(), List.of(), List.of()));
        return id;
    }

    @Test
    void deletingAnImageWhileItsUploadIsInFlightRemovesThePartialData() throws Exception {
        String id = queued();
        uploads.begin(id, "node", files.uploadLocation(id).orElseThrow(), T0);
        Files.write(storeDir.resolve(id), new byte[100]);

        images.delete(id, T0);
        remover.sweep(Optional.of(id));

        assertThat(storeDir.resolve(id)).doesNotExist();
        assertThat(pending.pending(Optional.empty())).isEmpty();
    }

    @Test
    void deletingAnActiveImageRemovesItsData() throws Exception {
        String id = queued();
        String location = files.uploadLocation(id).orElseThrow();
        uploads.begin(id, "node", location, T0);
        Files.write(storeDir.resolve(id), new byte[100]);
        Image image = images.find(id).orElseThrow();
        assertThat(images.activate(ImageChanges.uploaded(image, 100, 100L, "m", "sha512", "h", T0),
                new ImageLocation(location, Map.of(), "active"), "node")).isTrue();

        images.delete(id, T0);
        remover.sweep(Optional.of(id));

        assertThat(storeDir.resolve(id)).doesNotExist();
    }

    @Test
    void aFailedRemovalIsRetriedByTheNextSweep() throws Exception {
        String id = queued();
        uploads.begin(id, "node", files.uploadLocation(id).orElseThrow(), T0);
        Files.write(storeDir.resolve(id), new byte[100]);
        images.delete(id, T0);

        storeFails.set(true);
        assertThat(remover.sweep(Optional.empty())).isZero();
        assertThat(storeDir.resolve(id)).exists();
        assertThat(pending.pending(Optional.empty())).hasSize(1);

        storeFails.set(false);
        assertThat(remover.sweep(Optional.empty())).isEqualTo(1);
        assertThat(storeDir.resolve(id)).doesNotExist();
        assertThat(pending.pending(Optional.empty())).isEmpty();
    }

    @Test
    void dataAtAPathInUseAgainIsNotRemoved() throws Exception {
        String id = queued();
        String location = files.uploadLocation(id).orElseThrow();
        uploads.begin(id, "dead", location, T0);
        assertThat(uploads.release(id, "dead", location, T0)).isTrue();
        // a new upload of the same image writes to the same path before the sweep runs
        uploads.begin(id, "live", location, T0);
        Files.write(storeDir.resolve(id), new byte[100]);

        remover.sweep(Optional.empty());

        assertThat(storeDir.resolve(id)).exists();
        assertThat(pending.pending(Optional.empty())).isEmpty();
    }

    @Test
    void upstreamDelayedDeletesAreLeftToItsScrubber() throws Exception {
        String id = queued();
        database.inTransaction(c -> {
            pending.record(c, id, files.uploadLocation(id).orElseThrow(), T0);
            try (var ps = c.prepareStatement("UPDATE images SET status = 'pending_delete' WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });

        assertThat(pending.pending(Optional.empty())).isEmpty();
    }

    /** The file store, with deletes that fail on demand. */
    private record FailingDeletes(FileStore files, AtomicBoolean fails) implements ImageStore {
        @Override
        public String type() {
            return "file";
        }

        @Override
        public StoreCapabilities capabilities() {
            return files.capabilities();
        }

        @Override
        public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
            return files.add(imageId, data, expectedSize);
        }

        @Override
        public InputStream get(String locationUrl, long offset, long length) {
            return files.get(locationUrl, offset, length);
        }

        @Override
        public long size(String locationUrl) {
            return files.size(locationUrl);
        }

        @Override
        public void delete(String locationUrl) {
            if (fails.get()) {
                throw new StoreException(StoreException.Reason.UNAVAILABLE, "read-only file system");
            }
            files.delete(locationUrl);
        }

        @Override
        public boolean owns(String locationUrl) {
            return files.owns(locationUrl);
        }
    }
}
