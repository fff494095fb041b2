package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.DataRemover;
import org.glancej.images.Image;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageStatus;
import org.glancej.images.ImagesConfig;
import org.glancej.images.UploadDao;
import org.glancej.images.data.digest.Digests;
import org.glancej.images.data.format.DeclaredFormatCheck;
import org.glancej.images.data.format.FormatInspector;
import org.glancej.quota.QuotaChecker;
import org.glancej.quota.QuotaChecker.StorageCheck;
import org.glancej.quota.UnifiedLimits;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data in: the one path every writer of data takes (upload and staging today; import and copy later). It
 * moves the image from one status to an in-progress one, reads the body once while hashing it (MD5 and
 * {@code hashing_algorithm}), capping it ({@code image_size_cap}, or what is left of {@code
 * user_storage_quota}) and inspecting its format, writes it to the target store, checks what was written, and
 * hands the result to the caller's completion step. On any failure before the completion succeeds, the data
 * written is removed and the image goes back to its first status. While it runs, the image carries upload
 * markers so another process can recover it if this one dies ({@link UploadRecovery}). Policy is the
 * caller's: this only enforces the limits on data. Staging may continue data the target already holds
 * ({@link Continuation}); a resumable stage keeps whatever it wrote, even when it fails.
 */
public final class DataIngest {
    private static final Logger LOG = LoggerFactory.getLogger(DataIngest.class);
    /** The response header that tells how many bytes of a stage are held (as the tus and IETF resumable uploads). */
    public static final String UPLOAD_OFFSET = "Upload-Offset";

    private final StoreRegistry stores;
    private final ImagesConfig config;
    private final QuotaChecker quotas;
    private final UnifiedLimits limits;
    private final Digests digests;
    private final Clock clock;
    private final UploadDao uploads;
    private final DataRemover remover;
    private final UploadsInFlight inFlight;
    private final UploadOwner owner;
    private final ParkedDigests parked;

    public DataIngest(StoreRegistry stores, ImagesConfig config, QuotaChecker quotas, UnifiedLimits limits,
            Digests digests, Clock clock, UploadDao uploads, DataRemover remover, UploadsInFlight inFlight,
            UploadOwner owner) {
        this.stores = requireNonNull(stores, "stores is null");
        this.config = requireNonNull(config, "config is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.digests = requireNonNull(digests, "digests is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.inFlight = requireNonNull(inFlight, "inFlight is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.parked = new ParkedDigests(clock);
    }

    /**
     * The status an image must be in, and the one it shows while its data arrives (queued → saving for upload);
     * whether the data's format is checked against its {@code disk_format} on arrival.
     */
    public record Statuses(ImageStatus from, ImageStatus during, boolean checksFormat) {
        public static final Statuses UPLOAD = new Statuses(ImageStatus.QUEUED, ImageStatus.SAVING);
        /** glance-direct staging; upstream inspects staged data when it is imported, not when it is staged. */
        public static final Statuses STAGE = new Statuses(ImageStatus.QUEUED, ImageStatus.UPLOADING, false);

        public Statuses(ImageStatus from, ImageStatus during) {
            this(from, during, true);
        }
    }

    /**
     * Data that continues what the target store holds for the image at its upload location, which must be
     * exactly {@code offset} bytes (none for 0), else the write is refused and nothing is touched.
     *
     * @param resumableTotal the total a resumable stage announced: its data stays whatever happens, for the
     *     client to continue; null for a write whose partial data is removed, as an upload's
     */
    public record Continuation(long offset, Long resumableTotal) {
        /** A plain {@code PUT /stage}: upstream's staging, which finds the image's staged data already there a 409. */
        public static final Continuation PLAIN_STAGE = new Continuation(0, null);

        public boolean resumable() {
            return resumableTotal != null;
        }
    }

    /**
     * One body to take in.
     *
     * @param announced the size the client announced before sending, if any (checked against the cap and
     *     handed to the store as a hint)
     * @param declaredSize {@code x-openstack-image-size}: data of another size is refused
     */
    public record Request(RequestContext ctx, Image image, InputStream body, OptionalLong announced,
            OptionalLong declaredSize, ConfiguredStore target, Statuses statuses, Continuation continuation,
            KnownDigests known) {
        public Request(RequestContext ctx, Image image, InputStream body, OptionalLong announced,
                OptionalLong declaredSize, ConfiguredStore target, Statuses statuses) {
            this(ctx, image, body, announced, declaredSize, target, statuses, null, null);
        }

        public Request(RequestContext ctx, Image image, InputStream body, OptionalLong announced,
                OptionalLong declaredSize, ConfiguredStore target, Statuses statuses, Continuation continuation) {
            this(ctx, image, body, announced, declaredSize, target, statuses, continuation, null);
        }

        /** The same request for data whose digests are known (hashed when it was staged): not hashed again. */
        public Request withKnownDigests(KnownDigests digests) {
            return new Request(ctx, image, body, announced, declaredSize, target, statuses, continuation, digests);
        }

        private boolean resumable() {
            return continuation != null && continuation.resumable();
        }
    }

    /** The MD5 and {@code hashing_algorithm} digest of data, as hex, recorded when it was staged. */
    public record KnownDigests(String md5, String algorithm, String hash) {}

    /** The data as written and measured, for the completion step. */
    public record Stored(String locationUrl, Map<String, Object> locationMetadata, long size, Long virtualSize,
            String md5, String hashAlgorithm, String hash) {
        /** The image location the data gets. */
        public ImageLocation location() {
            return new ImageLocation(locationUrl, locationMetadata, "active");
        }
    }

    /** Records the stored data on the image; empty when the image is gone (deleted or recovered meanwhile). */
    @FunctionalInterface
    public interface Completion {
        Optional<Image> complete(Image image, Stored stored, String owner);
    }

    /** Checks made before the body is read: the cap against the announced size, the unified limit. */
    public void precheck(RequestContext ctx, OptionalLong announced) {
        limits.enforceImageSizeTotal(ctx, announced.orElse(0) >> 20);
        if (announced.isPresent() && announced.getAsLong() > config.imageSizeCap()) {
            throw IngestFailures.tooLarge();
        }
    }

    /** Checks made before a stage's body is read: the cap against the announced size, the stage limit. */
    public void precheckStage(RequestContext ctx, OptionalLong announced) {
        limits.enforceImageStageTotal(ctx, announced.orElse(0) >> 20);
        if (announced.isPresent() && announced.getAsLong() > config.imageSizeCap()) {
            throw IngestFailures.tooLarge();
        }
    }

    /** {@code image_size_cap}. */
    /** A store's failure as an answer in upstream's words, for code that writes to a store without an ingest. */
    public static RuntimeException translated(StoreException e, String storeId) {
        return IngestFailures.translate(e, storeId);
    }

    public long sizeCap() {
        return config.imageSizeCap();
    }

    public Image ingest(Request request, Completion completion) {
        String id = request.image().id();
        String location = request.target().store().uploadLocation(id).orElse(null);
        Continuation continuation = request.continuation();
        inFlight.register(id);
        try {
            boolean began = continuation == null
                    ? uploads.begin(id, request.statuses().from(), request.statuses().during(), owner.id(), location,
                            clock.instant())
                    : uploads.begin(id, request.statuses().from(), request.statuses().during(), owner.id(), location,
                            continuation.offset(), request.announced().isPresent() ? request.announced().getAsLong()
                            : null, continuation.resumableTotal(), clock.instant());
            if (!began) {
                throw GlanceException.conflict("Image " + id + " is already being uploaded or changed status.");
            }
            return receive(request, location, completion);
        } finally {
            inFlight.unregister(id);
        }
    }

    private Image receive(Request request, String location, Completion completion) {
        Image image = request.image();
        String id = image.id();
        if (request.continuation() != null) {
            checkHeld(request, location);
        }
        long remaining = checkQuotasWhileReceiving(request, location);
        boolean quotaCaps = remaining < config.imageSizeCap();
        FormatInspector inspector = FormatInspector.create();
        long cap = quotaCaps ? remaining : config.imageSizeCap();
        long offset = request.continuation() == null ? 0 : request.continuation().offset();
        // a resumed stage whose last part ended in this process continues that part's digests
        Optional<HashingInputStream.Parked> continued = request.resumable() && offset > 0
                ? parked.take(id, offset) : Optional.empty();
        boolean known = request.known() != null && request.continuation() == null
                && request.known().algorithm().equals(config.hashingAlgorithm());
        HashingInputStream data = continued.isPresent()
                ? new HashingInputStream(request.body(), continued.get(), cap, inspector::update)
                : known ? new HashingInputStream(request.body(), request.known(), cap, inspector::update)
                : new HashingInputStream(request.body(), digests, config.hashingAlgorithm(), cap, inspector::update);
        if (request.resumable()) {
            data.keepOpenAtEnd();
        }
        inFlight.track(id, () -> Math.max(offset, data.bytesRead()));
        ConfiguredStore target = request.target();
        ImageStore.StoredData stored;
        try {
            stored = write(request, location, data, continued.isPresent());
        } catch (RuntimeException e) {
            parkOrAbandon(request, location, data);
            // a store that is down is left to the periodic sweep: the client hears 503 without a second timeout
            abandon(request, location, !IngestFailures.isStoreUnavailable(e));
            if (quotaCaps && IngestFailures.isCapExceeded(e) && !request.resumable()) {
                throw QuotaChecker.storageQuotaFull(StorageCheck.UPLOAD, data.bytesRead(), remaining);
            }
            throw IngestFailures.translate(e, target.id());
        }
        String written = stored.locationUrl();
        // a part of a resumable stage: its digests go on with the next part instead of ending here
        boolean partial = request.resumable() && stored.bytesWritten() < request.continuation().resumableTotal()
                && data.bytesRead() == stored.bytesWritten();
        Optional<Image> done;
        try {
            // from here on a refusal or failure leaves data in the store: one place gives it back
            OptionalLong declared = request.declaredSize();
            if (declared.isPresent() && declared.getAsLong() != stored.bytesWritten()) {
                throw GlanceException.badRequest("The image data is " + stored.bytesWritten()
                        + " bytes long, but x-openstack-image-size announced " + declared.getAsLong() + ".");
            }
            Long virtualSize = !request.statuses().checksFormat() ? null
                    : new DeclaredFormatCheck(config.formatEnforcement()).virtualSize(image.diskFormat(),
                            image.containerFormat(), inspector.finish(), stored.bytesWritten());
            // others' uploads may have finished meanwhile
            quotas.checkStorage(request.ctx(), stored.bytesWritten(), id, StorageCheck.UPLOAD);
            done = completion.complete(image, new Stored(written, stores.locationMetadata(target),
                    stored.bytesWritten(), virtualSize, partial ? null : data.md5Hex(), config.hashingAlgorithm(),
                    partial ? null : data.secureHex()), owner.id());
        } catch (RuntimeException e) {
            data.abandon();
            abandon(request, written, true);
            throw IngestFailures.translate(e, target.id());
        }
        if (partial && done.isPresent()) {
            parked.park(id, data.park());
        } else if (partial) {
            data.abandon();
        }
        if (done.isEmpty()) {
            // deleted, or recovered by another process as if this one were gone: the data is nobody's
            remover.remove(id, written, request.ctx().storeCaller());
            throw new GlanceException(ErrorKind.GONE, "Image " + id + " could not be found after upload. "
                    + "The image may have been deleted during the upload.");
        }
        return done.get();
    }

    /**
     * Writes the body: a new object, or after the bytes a continued stage holds, whose digests first take in
     * those bytes again from the store (one local read instead of the client sending them twice).
     */
    private ImageStore.StoredData write(Request request, String location, HashingInputStream data,
            boolean digestsContinued) {
        String id = request.image().id();
        ImageStore store = request.target().store();
        if (!request.resumable()) {
            return store.add(id, new UncheckedReads(data, inFlight), request.announced(), request.ctx().storeCaller());
        }
        long offset = request.continuation().offset();
        if (offset > 0 && !digestsContinued) {
            try (InputStream prefix = store.get(location, 0, offset)) {
                data.absorb(prefix);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store.append(id, offset, new UncheckedReads(data, inFlight));
    }

    /**
     * After a resumable stage's part failed: when the staging store holds exactly the bytes the digests took
     * in (every byte read was written), the digests are kept for the part that continues; else released.
     */
    private void parkOrAbandon(Request request, String location, HashingInputStream data) {
        if (request.resumable() && location != null) {
            try {
                if (request.target().store().size(location) == data.bytesRead()) {
                    parked.park(request.image().id(), data.park());
                    return;
                }
            } catch (RuntimeException e) {
                // the next part re-hashes the held bytes
            }
        }
        data.abandon();
    }

    /**
     * A continued write must find exactly the bytes it continues: a resumable stage elsewhere is told where to
     * continue (416), a plain stage that finds staged data gets upstream's 409; either way nothing is removed.
     */
    private void checkHeld(Request request, String location) {
        long expected = request.continuation().offset();
        long held;
        try {
            held = location == null ? 0 : request.target().store().size(location);
        } catch (StoreException e) {
            if (e.reason() != StoreException.Reason.NOT_FOUND) {
                abandon(request, null, false);
                throw IngestFailures.translate(e, request.target().id());
            }
            held = 0;
        }
        if (held == expected) {
            return;
        }
        // what is there is not this request's to remove
        abandon(request, null, false);
        String id = request.image().id();
        if (!request.resumable()) {
            throw GlanceException.conflict("The image " + id + " has data on staging");
        }
        throw new GlanceException(ErrorKind.RANGE_NOT_SATISFIABLE, "The staging area holds " + held + " bytes of image "
                + id + ": continue from byte " + held + ", not " + expected + ".",
                Map.of(UPLOAD_OFFSET, Long.toString(held)), null);
    }

    /**
     * The quotas checked once the image is in progress, where it counts as an upload in progress; a refusal
     * puts it back.
     *
     * @return the bytes the project may still store, {@code Long.MAX_VALUE} without a storage quota
     */
    private long checkQuotasWhileReceiving(Request request, String location) {
        try {
            limits.enforceImageCountUploading(request.ctx());
            Long announced = request.announced().isPresent() ? request.announced().getAsLong() : null;
            return quotas.checkStorage(request.ctx(), announced, request.image().id(), StorageCheck.UPLOAD)
                    .orElse(Long.MAX_VALUE);
        } catch (RuntimeException e) {
            abandon(request, location, true);
            throw e;
        }
    }

    /**
     * Ends an ingest that failed: the image back to its first status and the data at {@code location} (if not
     * null, and not a resumable stage's) removed (or recorded for removal, and removed now when {@code removeNow}). If the database cannot be reached, the
     * markers stay and recovery finishes.
     */
    private void abandon(Request request, String location, boolean removeNow) {
        String id = request.image().id();
        // what a resumable stage wrote stays
        String removable = request.resumable() ? null : location;
        try {
            if (uploads.release(id, request.statuses().during(), request.statuses().from(), owner.id(), removable,
                    clock.instant())) {
                if (removeNow) {
                    remover.sweep(Optional.of(id), request.ctx().storeCaller());
                }
            } else {
                LOG.info("image {} was deleted or its upload recovered during a failed upload", id);
            }
        } catch (RuntimeException e) {
            LOG.warn("image {}: could not put a failed upload back, recovery will: {}", id, e.getMessage());
        }
    }
}
