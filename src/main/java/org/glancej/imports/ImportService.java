package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageService;
import org.glancej.images.ImageStatus;
import org.glancej.images.StageHostProxy;
import org.glancej.images.TaskLockDao;
import org.glancej.imports.source.ImportSources;
import org.glancej.quota.UnifiedLimits;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreRegistry;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskDao;
import org.glancej.tasks.TaskRunner;

/**
 * {@code POST /v2/images/{id}/import} with upstream's checks in upstream's order (glance/api/v2/images.py
 * import_image): {@code image_size_total}, the image's status for the method, formats set, glance-download's
 * parameters, {@code copy_image} or {@code modify_image} policy, the import lock, the target stores, then the
 * task: recorded as {@code api_image_import}, the lock taken atomically, and run by {@link ImportJob}. A
 * glance-direct import of data staged on another node is replayed there once those checks passed, as upstream.
 */
public final class ImportService {
    private final ImageService images;
    private final ImageDao imageDao;
    private final StoreRegistry stores;
    private final TaskDao tasks;
    private final TaskLockDao locks;
    private final ImportLock lock;
    private final TaskRunner runner;
    private final ImportJob job;
    private final UnifiedLimits limits;
    private final ImportSources sources;
    private final StageHostProxy stageHosts;
    private final Clock clock;

    public ImportService(ImageService images, ImageDao imageDao, StoreRegistry stores, TaskDao tasks,
            TaskLockDao locks, ImportLock lock, TaskRunner runner, ImportJob job, UnifiedLimits limits,
            ImportSources sources, StageHostProxy stageHosts, Clock clock) {
        this.stageHosts = requireNonNull(stageHosts, "stageHosts is null");
        this.images = requireNonNull(images, "images is null");
        this.imageDao = requireNonNull(imageDao, "imageDao is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.job = requireNonNull(job, "job is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.sources = requireNonNull(sources, "sources is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Starts an import here, or on the node holding the image's staged data.
     *
     * @param storeHeader {@code X-Image-Meta-Store}, if sent
     * @param mayReplay false for a request another node replayed here, which is never sent on again
     */
    public ImportStart start(RequestContext ctx, String id, ImportRequest request, Optional<String> storeHeader,
            String requestId, boolean mayReplay) {
        limits.enforceImageSizeTotal(ctx, 0);
        Image image = images.get(ctx, id);
        checkStatus(image, request.method());
        if (image.containerFormat() == null || image.containerFormat().isEmpty()) {
            throw GlanceException.conflict("'container_format' needs to be set before import");
        }
        if (image.diskFormat() == null || image.diskFormat().isEmpty()) {
            throw GlanceException.conflict("'disk_format' needs to be set before import");
        }
        if (request.method().equals(ImportMethods.GLANCE_DOWNLOAD)) {
            checkGlanceDownload(request.methodNode());
        }
        images.authorize(ctx, request.isCopy() ? ImageAccess.Operation.COPY_IMAGE : ImageAccess.Operation.MODIFY,
                image);
        Optional<Task> stolenFrom = lock.breakIfStale(image);
        List<ConfiguredStore> targets = targets(request, storeHeader);
        if (request.isCopy()) {
            List<String> present = image.locations().stream().map(ImageLocation::metadata)
                    .map(m -> m.get("store")).filter(String.class::isInstance).map(String.class::cast).toList();
            if (request.allStores()) {
                targets = targets.stream().filter(t -> !present.contains(t.id())).toList();
                if (targets.isEmpty()) {
                    return ImportStart.here(Optional.empty());
                }
            } else {
                for (ConfiguredStore target : targets) {
                    if (present.contains(target.id())) {
                        throw GlanceException.badRequest("Image is already present at store '" + target.id() + "'");
                    }
                }
            }
        }
        if (!request.allStoresMustSucceed() && !stores.multiStore()) {
            throw GlanceException.badRequest("All_stores_must_succeed can only be set with enabled_backends "
                    + request.uri().orElse("None"));
        }
        Optional<String> stageHost = mayReplay && request.method().equals(ImportMethods.GLANCE_DIRECT)
                ? stageHosts.remoteHost(image) : Optional.empty();
        if (stageHost.isPresent()) {
            Map<String, String> headers = storeHeader.map(s -> Map.of("X-Image-Meta-Store", s)).orElse(Map.of());
            return ImportStart.onStageHost(stageHosts.replay(stageHost.get(), "POST", "/v2/images/" + id + "/import",
                    ctx, Optional.of(request.body()), headers));
        }
        if (request.method().equals(ImportMethods.WEB_DOWNLOAD)) {
            checkUri(request.uri().orElse(null));
        }
        List<String> names = stores.multiStore() ? targets.stream().map(ConfiguredStore::id).toList() : List.of();
        Task task = Task.pending(UUID.randomUUID().toString(), Task.API_IMAGE_IMPORT,
                ctx.projectId() == null ? "" : ctx.projectId(), clock.instant(), image.id(), requestId, ctx.userId(),
                input(image.id(), request, names).toString());
        locks.take(image.id(), task.id(), clock.instant());
        try {
            stolenFrom.ifPresent(old -> cleanStaleProgress(image.id(), old));
            tasks.insert(task);
            runner.submit(task, job.work(new ImportJob.Plan(ctx, task.id(), image.id(), request, targets, names)));
        } catch (RuntimeException e) {
            locks.release(image.id(), task.id(), clock.instant());
            throw e;
        }
        return ImportStart.here(Optional.of(task));
    }

    private static void checkStatus(Image image, String method) {
        ImageStatus status = image.status();
        if (status == ImageStatus.ACTIVE && !method.equals(ImportMethods.COPY_IMAGE)) {
            throw GlanceException.conflict("Image with status active cannot be target for import");
        }
        if (status != ImageStatus.ACTIVE && method.equals(ImportMethods.COPY_IMAGE)) {
            throw GlanceException.conflict("Only images with status active can be targeted for copying");
        }
        if (status != ImageStatus.QUEUED
                && (method.equals(ImportMethods.WEB_DOWNLOAD) || method.equals(ImportMethods.GLANCE_DOWNLOAD))) {
            throw GlanceException.conflict("Image needs to be in 'queued' state to use '" + method + "' method");
        }
        if (status != ImageStatus.UPLOADING && method.equals(ImportMethods.GLANCE_DIRECT)) {
            throw GlanceException.conflict("Image needs to be staged before 'glance-direct' method can be used");
        }
    }

    private static void checkGlanceDownload(ObjectNode method) {
        if (!method.has("glance_region")) {
            throw GlanceException.badRequest("'glance_region' needs to be set for glance-download import method");
        }
        if (!method.has("glance_image_id")) {
            throw GlanceException.badRequest("'glance_image_id' needs to be set for glance-download import method");
        }
        String remote = method.get("glance_image_id").asText();
        try {
            UUID.fromString(remote);
        } catch (IllegalArgumentException e) {
            throw GlanceException.badRequest("Remote image id does not look like a UUID: " + remote);
        }
        if (!method.has("glance_service_interface")) {
            method.put("glance_service_interface", "public");
        }
    }

    /** Upstream's get_stores_from_request; without multi-store, the default store. */
    private List<ConfiguredStore> targets(ImportRequest request, Optional<String> storeHeader) {
        if (!stores.multiStore()) {
            return List.of(stores.defaultStore());
        }
        List<String> ids;
        if (request.allStores()) {
            if (request.stores().isPresent() || storeHeader.isPresent()) {
                throw GlanceException.badRequest("All_stores parameter can't be used with x-image-meta-store header "
                        + "or stores parameter");
            }
            ids = stores.stores().stream().filter(s -> !s.readOnly()).map(ConfiguredStore::id).toList();
        } else if (request.stores().isPresent()) {
            if (storeHeader.isPresent()) {
                throw GlanceException.badRequest("Stores parameter and x-image-meta-store header can't be both "
                        + "specified");
            }
            ids = request.stores().get();
        } else {
            ids = List.of(storeHeader.orElse(stores.defaultStore().id()));
        }
        List<ConfiguredStore> targets = new ArrayList<>();
        for (String storeId : ids) {
            targets.add(stores.byId(storeId).orElseThrow(
                    () -> GlanceException.conflict("Unknown scheme '" + storeId + "' found in URI")));
        }
        return targets;
    }

    /** Upstream's 400 "URI for web-download does not pass filtering: URI" before any task is made. */
    private void checkUri(String uri) {
        if (uri == null) {
            throw GlanceException.badRequest("URI for web-download does not pass filtering: None");
        }
        sources.checkWebDownloadUri(uri);
    }

    private static JsonNode input(String imageId, ImportRequest request, List<String> names) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("image_id", imageId);
        input.set("import_req", request.body());
        var backend = input.putArray("backend");
        if (names.isEmpty()) {
            backend.addNull();
        } else {
            names.forEach(backend::add);
        }
        return input;
    }

    /** A broken lock's task may have left its stores listed as importing or failed: they go. */
    private void cleanStaleProgress(String imageId, Task old) {
        List<String> oldStores = new ArrayList<>();
        try {
            JsonNode backend = org.glancej.http.Json.MAPPER.readTree(old.input()).path("backend");
            backend.forEach(s -> {
                if (s.isTextual()) {
                    oldStores.add(s.asText());
                }
            });
        } catch (java.io.IOException | RuntimeException e) {
            return;
        }
        Image image = imageDao.find(imageId).orElse(null);
        if (image == null || oldStores.isEmpty()) {
            return;
        }
        Map<String, String> properties = ImportProperties.remove(image.properties(), ImportProperties.IMPORTING,
                oldStores);
        properties = ImportProperties.remove(properties, ImportProperties.FAILED, oldStores);
        imageDao.update(image, ImageChanges.withProperties(image, properties), image.status());
    }
}
