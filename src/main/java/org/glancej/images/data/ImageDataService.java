package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
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
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageService;
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
import org.glancej.store.FileRegion;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data in and out. An upload moves the image queued → saving → active, hashing, counting, capping and
 * inspecting the stream in the one pass that writes it to the store; any failure puts the image back in
 * queued and leaves no data behind. While it runs, the image carries upload markers (owner, heartbeat, where
 * the data goes) so that another process can recover it if this one dies ({@link UploadRecovery}). The cap is
 * {@code image_size_cap} or, when less remains of the project's {@code user_storage_quota}, what remains;
 * unified limits are checked before any data is read.
 */
public final class ImageDataService {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataService.class);
    private static final long MIB = 1L << 20;

    private final ImageService images;
    private final ImageDao dao;
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

    public ImageDataService(ImageService images, ImageDao dao, StoreRegistry stores, ImagesConfig config,
            QuotaChecker quotas, UnifiedLimits limits, Digests digests, Clock clock, UploadDao uploads,
            DataRemover remover, UploadsInFlight inFlight, UploadOwner owner) {
        this.images = requireNonNull(images, "images is null");
        this.dao = requireNonNull(dao, "dao is null");
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

    /**
     * @param contentLength the request's Content-Length, if it had one
     * @param declaredSize the image size the client announced ({@code x-openstack-image-size}); data of
     *     another size is refused
     */
    public Image upload(RequestContext ctx, String id, InputStream body, OptionalLong contentLength,
            OptionalLong declaredSize) {
        Image image = images.get(ctx, id);
        images.authorize(ctx, ImageAccess.Operation.UPLOAD, image);
        // upstream reads a zero Content-Length as no size given
        Long announced = declaredSize.isPresent() ? Long.valueOf(declaredSize.getAsLong())
                : contentLength.isPresent() && contentLength.getAsLong() > 0 ? contentLength.getAsLong() : null;
        limits.enforceImageSizeTotal(ctx, announced == null ? 0 : announced / MIB);
        if (image.status() != ImageStatus.QUEUED) {
            throw GlanceException.conflict("Image status transition from " + image.status().wire()
                    + " to saving is not allowed");
        }
        if (image.diskFormat() == null || image.containerFormat() == null) {
            throw GlanceException.badRequest(
                    "Properties disk_format, container_format must be set prior to saving data.");
        }
        if (announced != null && announced > config.imageSizeCap()) {
            throw tooLarge();
        }
        ConfiguredStore target = stores.defaultStore();
        String location = target.store().uploadLocation(id).orElse(null);
        inFlight.register(id);
        try {
            if (!uploads.begin(id, owner.id(), location, clock.instant())) {
                throw GlanceException.conflict("Image " + id + " is already being uploaded or changed status.");
            }
            return receive(ctx, image, body, announced, declaredSize, target, location);
        } finally {
            inFlight.unregister(id);
        }
    }

    /** Reads, stores and activates the data of an image this process has just moved to saving. */
    private Image receive(RequestContext ctx, Image image, InputStream body, Long announced,
            OptionalLong declaredSize, ConfiguredStore target, String location) {
        String id = image.id();
        long remaining = checkQuotasWhileSaving(ctx, id, announced, location);
        boolean quotaCaps = remaining < config.imageSizeCap();
        FormatInspector inspector = FormatInspector.create();
        HashingInputStream data = new HashingInputStream(body, digests, config.hashingAlgorithm(),
                quotaCaps ? remaining : config.imageSizeCap(), inspector::update);
        ImageStore.StoredData stored;
        try {
            stored = target.store().add(id, new UncheckedReads(data, inFlight),
                    announced == null ? OptionalLong.empty() : OptionalLong.of(announced));
        } catch (RuntimeException e) {
            data.abandon();
            abandon(id, location);
            if (quotaCaps && isCapExceeded(e)) {
                throw QuotaChecker.storageQuotaFull(StorageCheck.UPLOAD, data.bytesRead(), remaining);
            }
            throw translate(e);
        }
        String written = stored.locationUrl();
        boolean activated;
        Image active;
        try {
            // from here on a refusal or failure leaves data in the store: one place gives it back
            if (declaredSize.isPresent() && declaredSize.getAsLong() != stored.bytesWritten()) {
                // a store sized by the announcement (RBD, S3 multipart) would hold a wrong image: refuse everywhere
                throw GlanceException.badRequest("The image data is " + stored.bytesWritten()
                        + " bytes long, but x-openstack-image-size announced " + declaredSize.getAsLong() + ".");
            }
            Long virtualSize = new DeclaredFormatCheck(config.formatEnforcement()).virtualSize(image.diskFormat(),
                    image.containerFormat(), inspector.finish(), stored.bytesWritten());
            // others' uploads may have finished meanwhile
            quotas.checkStorage(ctx, stored.bytesWritten(), id, StorageCheck.UPLOAD);
            active = ImageChanges.uploaded(image, stored.bytesWritten(), virtualSize, data.md5Hex(),
                    config.hashingAlgorithm(), data.secureHex(), clock.instant());
            activated = dao.activate(active, new ImageLocation(written, stores.locationMetadata(target), "active"), owner.id());
        } catch (RuntimeException e) {
            abandon(id, written);
            throw e;
        }
        if (!activated) {
            // deleted, or recovered by another process as if this one were gone: the data is nobody's
            remover.remove(id, written);
            throw new GlanceException(ErrorKind.GONE, "Image " + id + " could not be found after upload. "
                    + "The image may have been deleted during the upload.");
        }
        return active;
    }

    /**
     * The quotas checked once the image is saving, where it counts as an upload in progress; a refusal puts it
     * back in queued.
     *
     * @return the bytes the project may still store, {@code Long.MAX_VALUE} without a storage quota
     */
    private long checkQuotasWhileSaving(RequestContext ctx, String id, Long announced, String location) {
        try {
            limits.enforceImageCountUploading(ctx);
            return quotas.checkStorage(ctx, announced, id, StorageCheck.UPLOAD).orElse(Long.MAX_VALUE);
        } catch (RuntimeException e) {
            abandon(id, location);
            throw e;
        }
    }

    /** The image's data from {@code offset}, or empty when it has none; the caller closes the stream. */
    public Optional<InputStream> open(Image image, long offset) {
        if (image.locations().isEmpty() || image.size() == null) {
            return Optional.empty();
        }
        try {
            ImageLocation location = image.locations().getFirst();
            return Optional.of(storeFor(location).store().get(location.url(), offset));
        } catch (StoreException e) {
            throw translate(e);
        }
    }

    /**
     * The same data as {@link #open}, {@code length} bytes of it, as a span of a local file that can be sent without
     * copying, when the image's store keeps one ({@link ImageStore#fileRegion}); empty otherwise. The caller closes it.
     */
    public Optional<FileRegion> openRegion(Image image, long offset, long length) {
        if (image.locations().isEmpty() || image.size() == null) {
            return Optional.empty();
        }
        try {
            ImageLocation location = image.locations().getFirst();
            return storeFor(location).store().fileRegion(location.url(), offset, length);
        } catch (StoreException e) {
            throw translate(e);
        }
    }

    private ConfiguredStore storeFor(ImageLocation location) {
        return stores.forLocation(location.url(), location.metadata()).orElseThrow(
                () -> new StoreException(StoreException.Reason.NOT_FOUND, "No configured store serves the image's data"));
    }

    /**
     * Ends an upload that failed: the image back to queued and the data at {@code location} removed (or recorded
     * for removal). If the database cannot be reached, the upload markers stay and recovery finishes the job.
     */
    private void abandon(String id, String location) {
        try {
            if (uploads.release(id, owner.id(), location, clock.instant())) {
                remover.sweep(Optional.of(id));
            } else {
                LOG.info("image {} was deleted or its upload recovered during a failed upload", id);
            }
        } catch (RuntimeException e) {
            LOG.warn("image {}: could not put a failed upload back to queued, recovery will: {}", id, e.getMessage());
        }
    }

    private static GlanceException tooLarge() {
        return new GlanceException(ErrorKind.REQUEST_ENTITY_TOO_LARGE, "The provided image is too large.");
    }

    private static boolean isCapExceeded(RuntimeException e) {
        return e instanceof UncheckedIOException u && u.getCause() instanceof HashingInputStream.SizeCapExceededException;
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof GlanceException ge) {
            return ge;
        }
        if (isCapExceeded(e)) {
            return tooLarge();
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof UploadCutOffException) {
            return UploadsInFlight.shuttingDown();
        }
        if (e instanceof UncheckedIOException u) {
            return GlanceException.badRequest("Error reading the image data from the request: "
                    + u.getCause().getMessage());
        }
        if (e instanceof StoreException se) {
            return switch (se.reason()) {
                case STORAGE_FULL -> new GlanceException(ErrorKind.REQUEST_ENTITY_TOO_LARGE,
                        "Image storage media is full: " + se.getMessage(), se);
                case NOT_FOUND -> GlanceException.notFound("Image data could not be found: " + se.getMessage());
                case BAD_LOCATION -> GlanceException.conflict(se.getMessage());
                case UNAVAILABLE -> new GlanceException(ErrorKind.SERVICE_UNAVAILABLE, se.getMessage(), se);
                case IN_USE -> GlanceException.conflict(se.getMessage());
                // upstream answers StoreAddDisabled with 410
                case READ_ONLY -> new GlanceException(ErrorKind.GONE,
                        "Error in store configuration. Adding images to store is disabled.", se);
            };
        }
        return e;
    }

    /**
     * Lets the store tell its own I/O failures from the client's: reading the request fails with an unchecked
     * exception, which the store passes through untouched.
     */
    private static final class UncheckedReads extends InputStream {
        private final InputStream in;
        private final UploadsInFlight inFlight;

        UncheckedReads(InputStream in, UploadsInFlight inFlight) {
            this.in = in;
            this.inFlight = inFlight;
        }

        @Override
        public int read() {
            try {
                checkNotCutOff();
                return in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                checkNotCutOff();
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void checkNotCutOff() throws UploadCutOffException {
            if (inFlight.isCutOff()) {
                throw new UploadCutOffException();
            }
        }
    }

    /** The shutdown's grace period ended before the upload did. */
    private static final class UploadCutOffException extends IOException {
        UploadCutOffException() {
            super("the service is shutting down");
        }
    }
}
