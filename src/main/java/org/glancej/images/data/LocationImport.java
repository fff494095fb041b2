package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageLocations;
import org.glancej.images.ImageService;
import org.glancej.images.ImageStatus;
import org.glancej.images.TaskLockDao;
import org.glancej.images.data.digest.Digests;
import org.glancej.images.request.LocationRules;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.LocationUrls;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskDao;
import org.glancej.tasks.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2.17 locations API: {@code POST /v2/images/{id}/locations} adds a location to a queued image ({@code
 * add_image_location}; callers without the service role only for the http store), then, as upstream's
 * location_import task, hashes its data in the background ({@code do_secure_hash}): with {@code
 * validation_data} the image is {@code importing} until the hash matches (or goes back to queued without the
 * location), without it the image is active at once and its hashes follow. {@code GET} lists the locations
 * ({@code fetch_image_location}, service role). Unlike upstream, a location no store can read is refused at
 * once (400) instead of failing later in the background.
 */
public final class LocationImport {
    private static final Logger LOG = LoggerFactory.getLogger(LocationImport.class);

    private final ImageService images;
    private final ImageDao dao;
    private final ImageLocations locations;
    private final StoreRegistry stores;
    private final TaskLockDao locks;
    private final Digests digests;
    private final LocationImportConfig config;
    private final ExecutorService background;
    private final TaskDao tasks;
    private final java.time.Duration taskTimeToLive;
    private final Clock clock;

    /**
     * @param tasks where the {@code location_import} task is recorded (shown by {@code GET
     *     /v2/images/{id}/tasks}), kept {@code taskTimeToLive} once finished
     */
    public LocationImport(ImageService images, ImageDao dao, ImageLocations locations, StoreRegistry stores,
            TaskLockDao locks, Digests digests, LocationImportConfig config, ExecutorService background,
            TaskDao tasks, java.time.Duration taskTimeToLive, Clock clock) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.taskTimeToLive = requireNonNull(taskTimeToLive, "taskTimeToLive is null");
        this.images = requireNonNull(images, "images is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.locations = requireNonNull(locations, "locations is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.digests = requireNonNull(digests, "digests is null");
        this.config = requireNonNull(config, "config is null");
        this.background = requireNonNull(background, "background is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The validated {@code validation_data}: the hash the data must have, if the client gave one. */
    public record Validation(String algorithm, String value) {}

    public void add(RequestContext ctx, String id, String url, Validation validation, String requestId) {
        Image image = images.get(ctx, id);
        if (image.status() != ImageStatus.QUEUED) {
            throw GlanceException.conflict("It's not allowed to add locations if image status is "
                    + image.status().wire() + ".");
        }
        images.authorize(ctx, ImageAccess.Operation.ADD_LOCATION, image);
        if (!ctx.hasRole("service") && !servedByHttpStore(url)) {
            throw GlanceException.forbidden("http store must be enabled to use location API by normal user.");
        }
        String task = UUID.randomUUID().toString();
        locks.take(id, task, clock.instant());
        try {
            LocationRules.Checked checked = locations.check(url, Map.of());
            Image located = ImageChanges.withData(image, ImageStatus.QUEUED, checked.size(), null, null, null,
                    List.of(new ImageLocation(checked.url(), checked.metadata(), "active")), clock.instant());
            save(image, located);
            com.fasterxml.jackson.databind.node.ObjectNode input =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            input.put("image_id", id);
            input.put("loc_url", LocationUrls.redacted(url));
            if (validation == null) {
                input.putNull("validation_data");
            } else {
                input.putObject("validation_data").put("os_hash_algo", validation.algorithm())
                        .put("os_hash_value", validation.value());
            }
            tasks.insert(Task.pending(task, Task.LOCATION_IMPORT, ctx.projectId() == null ? "" : ctx.projectId(),
                    clock.instant(), id, requestId, ctx.userId(), input.toString()));
            start(task, located, validation);
        } catch (RuntimeException e) {
            locks.release(id, task, clock.instant());
            throw e;
        }
    }

    /** The image's locations in the order they were added, URLs without credentials. */
    public List<Map<String, Object>> list(RequestContext ctx, String id) {
        Image image = images.get(ctx, id);
        images.authorize(ctx, ImageAccess.Operation.FETCH_LOCATION, image);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (ImageLocation location : image.locations()) {
            shown.add(Map.of("url", LocationUrls.redacted(location.url()), "metadata", location.metadata()));
        }
        return shown;
    }

    private boolean servedByHttpStore(String url) {
        return (url.startsWith("http://") || url.startsWith("https://"))
                && stores.forLocation(url, Map.of()).map(ConfiguredStore::type).filter("http"::equals).isPresent();
    }

    private void start(String task, Image located, Validation validation) {
        String algorithm = validation == null ? config.hashingAlgorithm() : validation.algorithm();
        if (!config.doSecureHash()) {
            Image active = ImageChanges.withData(located, ImageStatus.ACTIVE, located.size(), null,
                    validation == null ? null : validation.algorithm(), validation == null ? null : validation.value(),
                    located.locations(), clock.instant());
            save(located, active);
            locks.release(located.id(), task, clock.instant());
            finishTask(task, located.id(), TaskStatus.PENDING, null);
            return;
        }
        tasks.transition(task, TaskStatus.PENDING, TaskStatus.PROCESSING, clock.instant());
        Image next = ImageChanges.withData(located, validation == null ? ImageStatus.ACTIVE : ImageStatus.IMPORTING,
                located.size(), null, algorithm, null, located.locations(), clock.instant());
        save(located, next);
        background.submit(() -> hash(task, next, algorithm, validation));
    }

    private void hash(String task, Image image, String algorithm, Validation validation) {
        String failure = "Hash calculation failed for image " + image.id();
        try {
            Hashes hashes = hashWithRetries(image, algorithm);
            Image current = dao.find(image.id()).orElse(null);
            if (current == null) {
                failure = "Image " + image.id() + " was deleted while its location was hashed";
                return;
            }
            if (hashes == null || validation != null && !validation.value().equalsIgnoreCase(hashes.secure())) {
                if (validation != null) {
                    LOG.warn("image {}: the data at the added location does not match its validation_data; the image"
                            + " goes back to queued", image.id());
                    revert(current);
                    if (hashes != null) {
                        failure = "os_hash_value: (" + validation.value() + ") not matched with actual os_hash_value: ("
                                + hashes.secure() + ")";
                    }
                }
                return;
            }
            ImageStatus status = current.status() == ImageStatus.IMPORTING ? ImageStatus.ACTIVE : current.status();
            save(current, ImageChanges.withData(current, status, current.size(), hashes.md5(), algorithm,
                    hashes.secure(), current.locations(), clock.instant()));
            failure = null;
        } catch (RuntimeException e) {
            LOG.warn("image {}: hashing the data of its added location failed: {}", image.id(), e.getMessage());
        } finally {
            finishTask(task, image.id(), TaskStatus.PROCESSING, failure);
            try {
                locks.release(image.id(), task, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("image {}: could not release its task lock: {}", image.id(), e.getMessage());
            }
        }
    }

    /** Records the task's outcome: success without a failure message. */
    private void finishTask(String task, String imageId, TaskStatus from, String failure) {
        java.time.Instant now = clock.instant();
        try {
            tasks.finish(task, from, failure == null ? TaskStatus.SUCCESS : TaskStatus.FAILURE,
                    failure == null ? "{\"image_id\": \"" + imageId + "\"}" : null, failure == null ? "" : failure, now, now.plus(taskTimeToLive));
        } catch (RuntimeException e) {
            LOG.warn("location import task {}: could not record its outcome: {}", task, e.getMessage());
        }
    }

    private record Hashes(String md5, String secure) {}

    /** Reads the data once per try; null when every try failed. */
    private Hashes hashWithRetries(Image image, String algorithm) {
        ImageLocation location = image.locations().getFirst();
        for (int attempt = 1; attempt <= Math.max(1, config.httpRetries()); attempt++) {
            try {
                ConfiguredStore store = stores.forLocation(location.url(), location.metadata()).orElseThrow(
                        () -> new StoreException(StoreException.Reason.NOT_FOUND, "no store serves the location"));
                try (InputStream data = store.store().get(location.url(), 0)) {
                    HashingInputStream hashing = new HashingInputStream(data, digests, algorithm, Long.MAX_VALUE,
                            (b, o, l) -> { });
                    try {
                        hashing.transferTo(OutputStream.nullOutputStream());
                    } catch (Exception e) {
                        hashing.abandon();
                        throw e;
                    }
                    return new Hashes(hashing.md5Hex(), hashing.secureHex());
                }
            } catch (Exception e) {
                LOG.info("image {}: hashing attempt {} of {} failed: {}", image.id(), attempt, config.httpRetries(),
                        e.getMessage());
            }
        }
        return null;
    }

    /** Back to queued without the location and hashes, as upstream's revert. */
    private void revert(Image current) {
        Image queued = ImageChanges.withData(current, ImageStatus.QUEUED, null, null, null, null, List.of(),
                clock.instant());
        save(current, queued);
    }

    private void save(Image before, Image after) {
        if (!dao.update(before, after, before.status())) {
            throw GlanceException.conflict("Image " + before.id() + " changed meanwhile; retry.");
        }
    }
}
