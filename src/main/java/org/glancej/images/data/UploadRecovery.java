package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glancej.images.DataRemover;
import org.glancej.images.ImageStatus;
import org.glancej.images.UploadDao;
import org.glancej.images.UploadDao.UploadRecord;
import org.glancej.store.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps uploads honest across processes: refreshes the heartbeat of this process's uploads, and resets to
 * {@code queued} (removing their partial data) the uploads whose receiver is gone. A receiver is gone when it is
 * this process and the upload is no longer running here, when it ran on this machine and its process no longer
 * runs, or when its heartbeat is older than {@code owner_timeout}. An upload with no owner recorded (an upstream
 * node's) is reset only after {@code saving_without_owner_timeout}. Upstream also leaves a failed upload's image
 * {@code queued}, ready for another upload. Each pass also retries pending data removals.
 */
public final class UploadRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRecovery.class);

    private final UploadDao uploads;
    private final DataRemover remover;
    private final StoreRegistry stores;
    private final UploadsInFlight inFlight;
    private final UploadOwner self;
    private final UploadRecoveryConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("upload-recovery").factory());

    public UploadRecovery(UploadDao uploads, DataRemover remover, StoreRegistry stores, UploadsInFlight inFlight,
            UploadOwner self, UploadRecoveryConfig config, Clock clock) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        this.self = requireNonNull(self, "self is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Runs one recovery pass now, then heartbeats and recovery passes on their intervals. */
    public void start() {
        runQuietly(this::recover);
        long heartbeat = config.heartbeatInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> runQuietly(this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long progress = config.progressInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> runQuietly(this::recordProgress), progress, progress, TimeUnit.MILLISECONDS);
        long recovery = config.recoveryInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> runQuietly(this::recover), recovery, recovery, TimeUnit.MILLISECONDS);
    }

    void heartbeat() {
        uploads.heartbeat(inFlight.imageIds(), self.id(), clock.instant());
    }

    void recordProgress() {
        uploads.progress(inFlight.changedProgress(), clock.instant());
    }

    /** One pass; returns how many uploads were reset. */
    public int recover() {
        Instant now = clock.instant();
        int reset = 0;
        for (UploadRecord upload : uploads.inFlight()) {
            // a resumable stage keeps what arrived, for its client to continue; other partial data goes
            String partial = upload.resumable() ? null : upload.location();
            if (isGone(upload, now) && uploads.release(upload.imageId(), upload.status(), ImageStatus.QUEUED,
                    upload.owner(), partial, now)) {
                LOG.info("image {}: {} of a process that is gone ({}) reset to queued", upload.imageId(),
                        upload.status() == ImageStatus.UPLOADING ? "stage" : "upload", upload.owner());
                reset++;
            }
        }
        Instant cutoff = now.minus(config.savingWithoutOwnerTimeout());
        for (String id : uploads.savingWithoutOwner(cutoff)) {
            // an upload without markers is an upstream node's, which writes to the default store
            String location = stores.defaultStore().store().uploadLocation(id).orElse(null);
            if (uploads.releaseUnowned(id, cutoff, location, now)) {
                LOG.info("image {}: saving without an owner for over {} s, reset to queued", id,
                        config.savingWithoutOwnerTimeout().toSeconds());
                reset++;
            }
        }
        remover.sweep(Optional.empty());
        return reset;
    }

    private boolean isGone(UploadRecord upload, Instant now) {
        if (upload.owner().equals(self.id())) {
            // registered before its markers are written and unregistered after they are removed
            return !inFlight.contains(upload.imageId());
        }
        if (upload.heartbeat().isBefore(now.minus(config.ownerTimeout()))) {
            return true;
        }
        // a process id can be reused, and containers may share a host name: also ask for missed heartbeats
        boolean missedHeartbeats = upload.heartbeat().isBefore(now.minus(config.heartbeatInterval().multipliedBy(3)));
        return missedHeartbeats && UploadOwner.parse(upload.owner())
                .map(owner -> self.knowsGone(owner, UploadOwner::startOf))
                .orElse(false);
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("upload recovery pass failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
