package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.DataRemover;
import org.glancej.images.Image;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageService;
import org.glancej.images.ImageStatus;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.FileRegion;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;

/**
 * Image data in and out, with upstream's policy and status rules: an upload ({@code upload_image}) takes a
 * queued image through {@link DataIngest} to active in the chosen store; a download ({@code download_image})
 * reads the image's data from the heaviest store that holds it.
 */
public final class ImageDataService {
    private final ImageService images;
    private final ImageDao dao;
    private final StoreRegistry stores;
    private final DataIngest ingest;
    private final DataRemover remover;
    private final Clock clock;

    public ImageDataService(ImageService images, ImageDao dao, StoreRegistry stores, DataIngest ingest,
            DataRemover remover, Clock clock) {
        this.images = requireNonNull(images, "images is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param contentLength the request's Content-Length, if it had one
     * @param declaredSize the image size the client announced ({@code x-openstack-image-size}); data of
     *     another size is refused
     * @param storeId the store the client chose ({@code X-Image-Meta-Store}), else the default store
     */
    public Image upload(RequestContext ctx, String id, InputStream body, OptionalLong contentLength,
            OptionalLong declaredSize, Optional<String> storeId) {
        ConfiguredStore target = targetStore(storeId);
        Image image = images.get(ctx, id);
        images.authorize(ctx, ImageAccess.Operation.UPLOAD, image);
        // upstream reads a zero Content-Length as no size given
        OptionalLong announced = declaredSize.isPresent() ? declaredSize
                : contentLength.isPresent() && contentLength.getAsLong() > 0 ? contentLength : OptionalLong.empty();
        ingest.precheck(ctx, announced);
        if (image.status() != ImageStatus.QUEUED) {
            throw GlanceException.conflict("Image status transition from " + image.status().wire()
                    + " to saving is not allowed");
        }
        if (image.diskFormat() == null || image.containerFormat() == null) {
            throw GlanceException.badRequest(
                    "Properties disk_format, container_format must be set prior to saving data.");
        }
        Image uploaded = ingest.ingest(new DataIngest.Request(ctx, image, body, announced, declaredSize, target,
                DataIngest.Statuses.UPLOAD), (before, stored, owner) -> {
                    images.updateNewDataAcls(ctx, before, stored.location());
                    return activate(before, stored, owner);
                });
        if (uploaded.visibility() != image.visibility()) {
            images.updateDataAcls(ctx, uploaded); // changed while the data was being written
        }
        return uploaded;
    }

    /**
     * The store a client named: an unknown one is upstream's 400; a read-only one refuses the data itself (410,
     * as upstream's StoreAddDisabled); without multi-store the header is not looked at.
     */
    public ConfiguredStore targetStore(Optional<String> storeId) {
        if (storeId.isEmpty() || !stores.multiStore()) {
            return stores.defaultStore();
        }
        return stores.byId(storeId.get()).orElseThrow(() -> GlanceException.badRequest(
                "Unknown scheme '" + storeId.get() + "' found in URI"));
    }

    private Optional<Image> activate(Image image, DataIngest.Stored stored, String owner) {
        Image active = ImageChanges.uploaded(image, stored.size(), stored.virtualSize(), stored.md5(),
                stored.hashAlgorithm(), stored.hash(), clock.instant());
        boolean activated = dao.activate(active, stored.location(), owner);
        return activated ? Optional.of(active) : Optional.empty();
    }

    /**
     * The visible image the caller may download, refused as upstream does: {@code download_image} policy, and a
     * deactivated image's data only for admins.
     */
    public Image downloadable(RequestContext ctx, String id) {
        Image image = images.get(ctx, id);
        images.authorize(ctx, ImageAccess.Operation.DOWNLOAD, image);
        if (image.status() == ImageStatus.DEACTIVATED && !ctx.isAdmin()) {
            throw GlanceException.forbidden(
                    "The requested image has been deactivated. Image data download is forbidden.");
        }
        return image;
    }

    /**
     * {@code length} bytes of the image's data from {@code offset} (or the rest, with {@code
     * ImageStore.TO_END}), or empty when it has none; the caller closes the stream. Locations are tried
     * heaviest store first; one whose data is missing or whose store is down gives way to the next.
     */
    public Optional<InputStream> open(Image image, long offset, long length) {
        return open(image, offset, length, StoreCaller.NONE);
    }

    /** {@link #open(Image, long, long)} on behalf of the user whose request reads the data. */
    public Optional<InputStream> open(Image image, long offset, long length, StoreCaller caller) {
        if (image.locations().isEmpty() || image.size() == null) {
            return Optional.empty();
        }
        StoreException last = new StoreException(StoreException.Reason.NOT_FOUND,
                "no configured store serves the image's data");
        String lastStore = "";
        for (Readable readable : readable(image)) {
            try {
                return Optional.of(readable.store().store().get(readable.location().url(), offset, length, caller));
            } catch (StoreException e) {
                last = e;
                lastStore = readable.store().id();
            }
        }
        throw IngestFailures.translate(last, lastStore);
    }

    /**
     * The same data as {@link #open}, {@code length} bytes of it, as a span of a local file that can be sent
     * without copying, when the store the image is read from keeps one ({@link ImageStore#fileRegion}); empty
     * otherwise. The caller closes it.
     */
    public Optional<FileRegion> openRegion(Image image, long offset, long length) {
        if (image.locations().isEmpty() || image.size() == null) {
            return Optional.empty();
        }
        List<Readable> readable = readable(image);
        if (readable.isEmpty()) {
            return Optional.empty();
        }
        Readable first = readable.getFirst();
        try {
            return first.store().store().fileRegion(first.location().url(), offset, length);
        } catch (StoreException e) {
            // the copy path tries the other locations and answers for them all
            return Optional.empty();
        }
    }

    /**
     * {@code DELETE /v2/stores/{store_id}/{image_id}} (2.10): removes an active image's data from one store,
     * with upstream's refusals: no multi-store 404, unknown store 409, {@code get_image_location} and {@code
     * delete_image_location} policies, not active 409, its only location 403, not in that store 404, data
     * that others depend on 409.
     */
    public void deleteFromStore(RequestContext ctx, String storeId, String id) {
        if (!stores.multiStore()) {
            throw GlanceException.notFound("The resource could not be found.");
        }
        if (stores.byId(storeId).isEmpty()) {
            throw GlanceException.conflict("The selected store " + storeId + " is not available on this node.");
        }
        Image image = images.find(ctx, id)
                .orElseThrow(() -> GlanceException.notFound("Failed to find image " + id));
        images.authorize(ctx, ImageAccess.Operation.GET_LOCATION, image);
        images.authorize(ctx, ImageAccess.Operation.DELETE_LOCATION, image);
        if (image.status() != ImageStatus.ACTIVE) {
            throw GlanceException.conflict(
                    "It's not allowed to remove image data from store if image status is not 'active'");
        }
        if (image.locations().size() == 1) {
            throw GlanceException.forbidden(
                    "Cannot delete image data from the only store containing it. Consider deleting the image instead.");
        }
        ImageLocation location = image.locations().stream()
                .filter(l -> storeId.equals(l.metadata().get("store"))).findFirst()
                .orElseThrow(() -> GlanceException.notFound("Image " + id + " is not stored in store " + storeId + "."));
        remover.checkRemovable(id, java.util.List.of(location));
        if (!dao.removeLocation(id, location.url(), clock.instant())) {
            throw GlanceException.conflict("Image " + id + " changed meanwhile; retry.");
        }
        remover.sweep(Optional.of(id), ctx.storeCaller());
    }

    private record Readable(ImageLocation location, ConfiguredStore store) {}

    private List<Readable> readable(Image image) {
        return image.locations().stream()
                .filter(l -> l.status() == null || l.status().equals("active"))
                .flatMap(l -> stores.forLocation(l.url(), l.metadata()).map(s -> new Readable(l, s)).stream())
                .sorted(Comparator.comparingLong((Readable r) -> r.store().weight()).reversed())
                .toList();
    }
}
