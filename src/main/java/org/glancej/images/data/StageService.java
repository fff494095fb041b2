package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageService;
import org.glancej.images.ImageStatus;
import org.glancej.images.StageDao;
import org.glancej.images.UploadDao;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.glancej.store.StoresConfig;

/**
 * {@code PUT /v2/images/{id}/stage} as upstream's glance-direct stage: the caller must see the image and may
 * modify it ({@code modify_image}), {@code image_stage_total} and {@code image_count_uploading} apply, the image
 * goes {@code queued} → {@code uploading} and its data into the staging store through {@link DataIngest}; on
 * failure the data goes and the image is {@code queued} again. Beyond upstream, a stage with {@code Content-Range}
 * is resumable: each part continues the bytes held, what arrived stays when a part fails, and the image is
 * {@code uploading} once the last byte is in ({@code queued} until then). {@link #progress} tells how far a stage
 * is, live while it runs.
 */
public final class StageService {
    private final ImageService images;
    private final StoreRegistry stores;
    private final DataIngest ingest;
    private final UploadDao uploads;
    private final StageDao stageRows;
    private final UploadsInFlight inFlight;
    private final StageConfig config;
    private final Clock clock;

    public StageService(ImageService images, StoreRegistry stores, DataIngest ingest, UploadDao uploads,
            StageDao stageRows, UploadsInFlight inFlight, StageConfig config, Clock clock) {
        this.images = requireNonNull(images, "images is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.stageRows = requireNonNull(stageRows, "stageRows is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** How much of an image's data the staging area holds. */
    public record StageProgress(long held, OptionalLong total, boolean receiving, boolean complete) {}

    public boolean glanceDirectEnabled() {
        return config.glanceDirectEnabled();
    }

    /**
     * @param announced the size announced for this request's body ({@code x-openstack-image-size}, else
     *     Content-Length)
     * @param range the part a resumable stage sends, with its body exactly that long
     * @return the bytes the staging area holds afterwards
     */
    long stage(RequestContext ctx, String id, InputStream body, OptionalLong announced, Optional<StageRange> range) {
        ingest.precheckStage(ctx, range.map(r -> OptionalLong.of(r.length())).orElse(announced));
        if (range.isPresent() && range.get().total() > ingest.sizeCap()) {
            throw IngestFailures.tooLarge();
        }
        Image image = images.get(ctx, id);
        images.authorize(ctx, ImageAccess.Operation.MODIFY, image);
        if (image.status() != ImageStatus.QUEUED) {
            throw GlanceException.conflict("Image status transition from " + image.status().wire()
                    + " to uploading is not allowed");
        }
        DataIngest.Continuation continuation = DataIngest.Continuation.PLAIN_STAGE;
        OptionalLong size = announced;
        if (range.isPresent()) {
            StageRange part = range.get();
            Long announcedTotal = stageRows.stage(id).total();
            if (announcedTotal != null && announcedTotal != part.total()) {
                throw GlanceException.badRequest("The stage of image " + id + " announced " + announcedTotal
                        + " bytes in all; this part says " + part.total() + ".");
            }
            continuation = new DataIngest.Continuation(part.start(), part.total());
            size = OptionalLong.of(part.total());
        }
        DataIngest.Continuation resume = continuation;
        long[] held = new long[1];
        ingest.ingest(new DataIngest.Request(ctx, image, body, size, OptionalLong.empty(), stagingStore(),
                DataIngest.Statuses.STAGE, continuation), (staged, stored, owner) -> {
                    held[0] = stored.size();
                    return end(staged, stored, owner, resume);
                });
        return held[0];
    }

    private Optional<Image> end(Image image, DataIngest.Stored stored, String owner,
            DataIngest.Continuation continuation) {
        boolean partial = continuation.resumable() && stored.size() < continuation.resumableTotal();
        boolean ended = partial
                ? uploads.release(image.id(), ImageStatus.UPLOADING, ImageStatus.QUEUED, owner, null, clock.instant())
                : stageRows.completeStage(image.id(), owner, stored.size(), stored.md5(),
                        stored.hashAlgorithm() + ":" + stored.hash(), config.stageHost().orElse(null), clock.instant());
        return ended ? Optional.of(image) : Optional.empty();
    }

    /** Where a stage stands: live bytes while one runs (here, or on another node as last recorded), else those held. */
    public StageProgress progress(RequestContext ctx, String id) {
        Image image = images.get(ctx, id);
        StageDao.StageRecord record = stageRows.stage(id);
        OptionalLong total = record.total() != null ? OptionalLong.of(record.total())
                : record.expected() != null ? OptionalLong.of(record.expected()) : OptionalLong.empty();
        OptionalLong here = inFlight.received(id);
        if (here.isPresent() && image.status() == ImageStatus.UPLOADING) {
            return new StageProgress(here.getAsLong(), total, true, false);
        }
        if (record.owner() != null && image.status() == ImageStatus.UPLOADING) {
            return new StageProgress(record.received(), total, true, false);
        }
        if (image.status() == ImageStatus.QUEUED) {
            return new StageProgress(heldInStaging(id), total, false, false);
        }
        if (image.status() == ImageStatus.UPLOADING || image.status() == ImageStatus.IMPORTING) {
            long size = image.size() == null ? heldInStaging(id) : image.size();
            return new StageProgress(size, OptionalLong.of(size), false, true);
        }
        return new StageProgress(0, OptionalLong.empty(), false, false);
    }

    private long heldInStaging(String id) {
        ConfiguredStore staging = stagingStore();
        Optional<String> location = staging.store().uploadLocation(id);
        if (location.isEmpty()) {
            return 0;
        }
        try {
            return staging.store().size(location.get());
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.NOT_FOUND) {
                return 0;
            }
            throw IngestFailures.translate(e, staging.id());
        }
    }

    private ConfiguredStore stagingStore() {
        return stores.reserved(StoresConfig.STAGING_STORE).orElseThrow(() -> new GlanceException(
                ErrorKind.SERVICE_UNAVAILABLE, "'node_staging_uri' is not set correctly. Could not load staging store."));
    }
}
