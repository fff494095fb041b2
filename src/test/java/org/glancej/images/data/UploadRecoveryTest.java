package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glancej.db.testing.DatabaseTestSupport;
import org.glancej.images.DataRemover;
import org.glancej.images.Image;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageStatus;
import org.glancej.images.PendingDataDao;
import org.glancej.images.StageDao;
import org.glancej.images.UploadDao;
import org.glancej.images.Visibility;
import org.glancej.store.StoreRegistry;
import org.glancej.store.file.FileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of uploads whose receiver is gone, on every database, with a real file store: what is reset, what is
 * left alone, and that the partial data goes.
 */
class UploadRecoveryTest extends DatabaseTestSupport {
    private static final Instant T0 = Instant.parse("2026-01-02T03:00:00Z");
    private static final UploadRecoveryConfig CONFIG = new UploadRecoveryConfig(Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(30));
    /** Another machine: its liveness is known only from its heartbeats. */
    private static final String OTHER_NODE = "elsewhere:boot:4242:1000";

    @TempDir
    Path storeDir;

    private ImageDao images;
    private UploadDao uploads;
    private StageDao stages;
    private FileStore store;
    private UploadsInFlight inFlight;
    private UploadOwner self;

    @BeforeEach
    void wire() {
        images = new ImageDao(database.dataSource(), database.dialect());
        uploads = new UploadDao(database.dataSource(), database.dialect());
        stages = new StageDao(database.dataSource(), database.dialect(), uploads);
        store = new FileStore(storeDir);
        inFlight = new UploadsInFlight();
        self = UploadOwner.current();
    }

    private UploadRecovery recoveryAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new UploadRecovery(uploads, new DataRemover(new PendingDataDao(database.dataSource(), database.dialect()),
                StoreRegistry.single(store), clock), StoreRegistry.single(store), inFlight, self, CONFIG, clock);
    }

    /** A queued image whose upload {@code owner} began at {@code at}, with half its data written. */
    private String uploading(String owner, Instant at) throws Exception {
        String id = queued(at);
        String location = store.uploadLocation(id).orElseThrow();
        assertThat(uploads.begin(id, owner, location, at)).isTrue();
        Files.write(storeDir.resolve(id), new byte[4096]);
        return id;
    }

    private String queued(Instant at) {
        String id = UUID.randomUUID().toString();
        images.insert(new Image(id, "upload", ImageStatus.QUEUED, Visibility.SHARED, false, false, null, null, null,
                null, null, null, "raw", "bare", 0, 0, at, at, Map.of("os_distro", "cirros"), List.of(), List.of()));
        return id;
    }

    private ImageStatus status(String id) {
        return images.find(id).orElseThrow().status();
    }

    @Test
    void uploadWhoseHeartbeatStoppedGoesBackToQueuedWithoutItsData() throws Exception {
        String id = uploading(OTHER_NODE, T0);

        assertThat(recoveryAt(T0.plusSeconds(61)).recover()).isEqualTo(1);

        assertThat(status(id)).isEqualTo(ImageStatus.QUEUED);
        assertThat(storeDir.resolve(id)).doesNotExist();
        assertThat(uploads.inFlight()).isEmpty();
        // a new upload may start again
        assertThat(uploads.begin(id, self.id(), store.uploadLocation(id).orElseThrow(), T0.plusSeconds(62))).isTrue();
    }

    @Test
    void uploadOfALiveProcessElsewhereIsLeftAlone() throws Exception {
        String id = uploading(OTHER_NODE, T0);
        uploads.heartbeat(List.of(id), OTHER_NODE, T0.plusSeconds(50));

        assertThat(recoveryAt(T0.plusSeconds(100)).recover()).isZero();

        assertThat(status(id)).isEqualTo(ImageStatus.SAVING);
        assertThat(storeDir.resolve(id)).exists();
    }

    @Test
    void ownUploadIsResetOnlyOnceItNoLongerRuns() throws Exception {
        String id = queued(T0);
        inFlight.register(id);
        assertThat(uploads.begin(id, self.id(), store.uploadLocation(id).orElseThrow(), T0)).isTrue();
        Files.write(storeDir.resolve(id), new byte[10]);

        assertThat(recoveryAt(T0.plusSeconds(1)).recover()).isZero();
        assertThat(status(id)).isEqualTo(ImageStatus.SAVING);

        // ended without being activated or put back (the database failed at that moment)
        inFlight.unregister(id);
        assertThat(recoveryAt(T0.plusSeconds(2)).recover()).isEqualTo(1);
        assertThat(status(id)).isEqualTo(ImageStatus.QUEUED);
        assertThat(storeDir.resolve(id)).doesNotExist();
    }

    @Test
    void uploadOfAProcessThatNoLongerRunsHereIsResetAfterMissedHeartbeats() throws Exception {
        long deadPid = ProcessHandle.current().pid();
        // this machine, this boot, a live pid but another start time: the process that owned it is gone
        UploadOwner gone = new UploadOwner(self.host(), self.boot(), deadPid, self.startMillis() - 1);
        String id = uploading(gone.id(), T0);

        assertThat(recoveryAt(T0.plusSeconds(20)).recover()).isZero();
        assertThat(recoveryAt(T0.plusSeconds(31)).recover()).isEqualTo(self.boot().isEmpty() ? 0 : 1);
    }

    @Test
    void savingWithoutOwnerIsLeftAloneUntilItsTimeout() throws Exception {
        String id = queued(T0);
        images.transition(id, ImageStatus.QUEUED, ImageStatus.SAVING, T0);
        Files.write(storeDir.resolve(id), new byte[10]);

        assertThat(recoveryAt(T0.plus(Duration.ofHours(23))).recover()).isZero();
        assertThat(status(id)).isEqualTo(ImageStatus.SAVING);
        assertThat(storeDir.resolve(id)).exists();

        assertThat(recoveryAt(T0.plus(Duration.ofHours(25))).recover()).isEqualTo(1);
        assertThat(status(id)).isEqualTo(ImageStatus.QUEUED);
        assertThat(storeDir.resolve(id)).doesNotExist();
    }

    @Test
    void markersNeverShowAmongTheImagesProperties() throws Exception {
        String id = uploading(OTHER_NODE, T0);

        assertThat(images.find(id).orElseThrow().properties()).containsOnlyKeys("os_distro");
    }

    @Test
    void activationByAProcessThatLostTheUploadIsRefused() throws Exception {
        String id = uploading(OTHER_NODE, T0);
        recoveryAt(T0.plusSeconds(61)).recover();
        String location = store.add(id, new ByteArrayInputStream(new byte[3])).locationUrl();
        assertThat(uploads.begin(id, self.id(), location, T0.plusSeconds(62))).isTrue();
        Image image = images.find(id).orElseThrow();

        assertThat(images.activate(image, new org.glancej.images.ImageLocation(location, Map.of(), "active"),
                OTHER_NODE)).isFalse();
        assertThat(status(id)).isEqualTo(ImageStatus.SAVING);
    }
    /** A queued image whose stage {@code owner} began at {@code at}, resumable when {@code total} is not null. */
    private String staging(String owner, Instant at, Long total) throws Exception {
        String id = queued(at);
        String location = store.uploadLocation(id).orElseThrow();
        assertThat(uploads.begin(id, ImageStatus.QUEUED, ImageStatus.UPLOADING, owner, location, 0, 8192L, total, at))
                .isTrue();
        Files.write(storeDir.resolve(id), new byte[4096]);
        return id;
    }

    @Test
    void stageWhoseProcessIsGoneGoesBackToQueuedWithoutItsData() throws Exception {
        String id = staging(OTHER_NODE, T0, null);

        assertThat(recoveryAt(T0.plusSeconds(61)).recover()).isEqualTo(1);

        assertThat(status(id)).isEqualTo(ImageStatus.QUEUED);
        assertThat(storeDir.resolve(id)).doesNotExist();
        assertThat(uploads.inFlight()).isEmpty();
    }

    @Test
    void resumableStageWhoseProcessIsGoneKeepsItsBytesAndItsTotal() throws Exception {
        String id = staging(OTHER_NODE, T0, 8192L);

        assertThat(recoveryAt(T0.plusSeconds(61)).recover()).isEqualTo(1);

        assertThat(status(id)).isEqualTo(ImageStatus.QUEUED);
        assertThat(storeDir.resolve(id)).exists();
        assertThat(stages.stage(id)).isEqualTo(new StageDao.StageRecord(null, 0, null, 8192L));
        assertThat(images.find(id).orElseThrow().properties()).containsOnlyKeys("os_distro");
    }

    @Test
    void stageInFlightShowsItsProgressAndCompletesUploadingWithHiddenHashes() throws Exception {
        String id = staging(OTHER_NODE, T0, 8192L);
        uploads.progress(Map.of(id, 4096L), T0.plusSeconds(1));

        assertThat(stages.stage(id)).isEqualTo(new StageDao.StageRecord(OTHER_NODE, 4096, 8192L, 8192L));
        assertThat(uploads.inFlight()).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(ImageStatus.UPLOADING);
            assertThat(record.resumable()).isTrue();
        });

        assertThat(stages.completeStage(id, OTHER_NODE, 8192, "md5hex", "sha512:hex", "http://node-a:9292",
                T0.plusSeconds(2))).isTrue();

        Image image = images.find(id).orElseThrow();
        assertThat(image.status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(image.size()).isEqualTo(8192L);
        assertThat(image.properties()).containsOnlyKeys("os_distro", "os_glance_stage_host");
        assertThat(stages.stage(id)).isEqualTo(new StageDao.StageRecord(null, 0, null, null));
        assertThat(uploads.inFlight()).isEmpty();
        // another process that lost the stage cannot complete it
        assertThat(stages.completeStage(id, OTHER_NODE, 8192, "md5hex", "sha512:hex", null, T0.plusSeconds(3)))
                .isFalse();
    }
}
