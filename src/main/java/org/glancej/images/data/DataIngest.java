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
import org.glancej.store.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data in: the one path every writer of data takes (upload today; staging, import and copy later). It
 * moves the image from one status to an in-progress one, reads the body once while hashing it (MD5 and
 * {@code hashing_algorithm}), capping it ({@code image_size_cap}, or what is left of {@code
 * user_storage_quota}) and inspecting its format, writes it to the target store, checks what was written, and
 * hands the result to the caller's completion step. On any failure before the completion succeeds, the data
 * written is removed and the image goes back to its first status. While it runs, the image carries upload
 * markers so another process can recover it if this one dies ({@link UploadRecovery}). Policy is the
 * caller's: this only enforces the limits on data.
 */
public final class DataIngest {
    private static final Logger LOG = LoggerFactory.getLogger(DataIngest.class);

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
    }

    /** The status an image must be in, and the one it shows while its data arrives (queued → saving for upload). */
    public record Statuses(ImageStatus from, ImageStatus during) {
        public static final Statuses UPLOAD = new Statuses(ImageStatus.QUEUED, ImageStatus.SAVING);
    }

    /**
     * One body to take in.
     *
     * @param announced the size the client announced before sending, if any (checked against the cap and
     *     handed to the store as a hint)
     * @param declaredSize {@code x-openstack-image-size}: data of another size is refused
     */
    public record Request(RequestContext ctx, Image image, InputStream body, OptionalLong announced,
            OptionalLong declaredSize, ConfiguredStore target, Statuses statuses) {}

    /** The data as written and measured, for the completion step. */
    public record Stored(String locationUrl, Map<String, Object> locationMetadata, long size, Long virtualSize,
            String md5, String hashAlgorithm, String hash) {}

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

    public Image ingest(Request request, Completion completion) {
        String id = request.image().id();
        String location = request.target().store().uploadLocation(id).orElse(null);
        inFlight.register(id);
        try {
            if (!uploads.begin(id, request.statuses().from(), request.statuses().during(), owner.id(), location,
                    clock.instant())) {
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
        long remaining = checkQuotasWhileReceiving(request, location);
        boolean quotaCaps = remaining < config.imageSizeCap();
        FormatInspector inspector = FormatInspector.create();
        HashingInputStream data = new HashingInputStream(request.body(), digests, config.hashingAlgorithm(),
                quotaCaps ? remaining : config.imageSizeCap(), inspector::update);
        ConfiguredStore target = request.target();
        ImageStore.StoredData stored;
        try {
            stored = target.store().add(id, new UncheckedReads(data, inFlight), request.announced());
        } catch (RuntimeException e) {
            data.abandon();
            // a store that is down is left to the periodic sweep: the client hears 503 without a second timeout
            abandon(request, location, !IngestFailures.isStoreUnavailable(e));
            if (quotaCaps && IngestFailures.isCapExceeded(e)) {
                throw QuotaChecker.storageQuotaFull(StorageCheck.UPLOAD, data.bytesRead(), remaining);
            }
            throw IngestFailures.translate(e, target.id());
        }
        String written = stored.locationUrl();
        Optional<Image> done;
        try {
            // from here on a refusal or failure leaves data in the store: one place gives it back
            OptionalLong declared = request.declaredSize();
            if (declared.isPresent() && declared.getAsLong() != stored.bytesWritten()) {
                throw GlanceException.badRequest("The image data is " + stored.bytesWritten()
                        + " bytes long, but x-openstack-image-size announced " + declared.getAsLong() + ".");
            }
            Long virtualSize = new DeclaredFormatCheck(config.formatEnforcement()).virtualSize(image.diskFormat(),
                    image.containerFormat(), inspector.finish(), stored.bytesWritten());
            // others' uploads may have finished meanwhile
            quotas.checkStorage(request.ctx(), stored.bytesWritten(), id, StorageCheck.UPLOAD);
            done = completion.complete(image, new Stored(written, stores.locationMetadata(target),
                    stored.bytesWritten(), virtualSize, data.md5Hex(), config.hashingAlgorithm(), data.secureHex()),
                    owner.id());
        } catch (RuntimeException e) {
            abandon(request, written, true);
            throw IngestFailures.translate(e, target.id());
        }
        if (done.isEmpty()) {
            // deleted, or recovered by another process as if this one were gone: the data is nobody's
            remover.remove(id, written);
            throw new GlanceException(ErrorKind.GONE, "Image " + id + " could not be found after upload. "
                    + "The image may have been deleted during the upload.");
        }
        return done.get();
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
     * Ends an ingest that failed: the image back to its first status and the data at {@code location} removed
     * (or recorded for removal, and removed now when {@code removeNow}). If the database cannot be reached, the
     * markers stay and recovery finishes.
     */
    private void abandon(Request request, String location, boolean removeNow) {
        String id = request.image().id();
        try {
            if (uploads.release(id, request.statuses().during(), request.statuses().from(), owner.id(), location,
                    clock.instant())) {
                if (removeNow) {
                    remover.sweep(Optional.of(id));
                }
            } else {
                LOG.info("image {} was deleted or its upload recovered during a failed upload", id);
            }
        } catch (RuntimeException e) {
            LOG.warn("image {}: could not put a failed upload back, recovery will: {}", id, e.getMessage());
        }
    }
}
