package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.DataAcls;
import org.glancej.images.DataRemover;
import org.glancej.images.Image;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageStatus;
import org.glancej.images.StageDao;
import org.glancej.images.TaskLockDao;
import org.glancej.images.data.DataIngest;
import org.glancej.quota.UnifiedLimits;
import org.glancej.store.ConfiguredStore;
import org.glancej.tasks.TaskAbortedException;
import org.glancej.tasks.TaskProgress;
import org.glancej.tasks.TaskRunner;

/**
 * One import, run as an {@code api_image_import} task, in upstream's order: mark the image (importing, the
 * target stores listed in {@code os_glance_importing_to_stores}), take the data from its source, run the
 * plugins (not for copy-image), write it through {@link DataIngest} (the upload path's inspection, hashing and
 * limits) to each store in turn, then remove the staged data and give back the lock. The image turns active
 * with the last store, or with the first success when {@code all_stores_must_succeed} is false; copy-image
 * keeps it active. A failing store is listed in {@code os_glance_failed_import}; when all stores must succeed
 * it undoes the import (stores written in this import lose the data, the image goes back to queued unless it
 * is a copy, staged data is removed).
 */
public final class ImportJob {
    private final ImageDao dao;
    private final DataIngest ingest;
    private final TaskLockDao locks;
    private final DataRemover remover;
    private final UnifiedLimits limits;
    private final StagedDataPlugins plugins;
    private final StageDao stages;
    private final Map<String, ImportSource> sources;
    private final DataAcls acls;
    private final Clock clock;

    public ImportJob(ImageDao dao, DataIngest ingest, TaskLockDao locks, DataRemover remover, UnifiedLimits limits,
            StagedDataPlugins plugins, StageDao stages, Map<String, ImportSource> sources, DataAcls acls,
            Clock clock) {
        this.acls = requireNonNull(acls, "acls is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.stages = requireNonNull(stages, "stages is null");
        this.sources = Map.copyOf(sources);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What one import does, for the task runner. */
    public record Plan(RequestContext ctx, String taskId, String imageId, ImportRequest request,
            List<ConfiguredStore> targets, List<String> storeNames) {}

    public TaskRunner.TaskWork work(Plan plan) {
        return progress -> run(plan, progress);
    }

    private String run(Plan plan, TaskProgress progress) {
        try {
            Image image = current(plan.imageId());
            if (!plan.taskId().equals(image.properties().get(TaskLockDao.LOCK_PROPERTY))) {
                throw GlanceException.conflict("Image " + plan.imageId() + " is locked by another operation.");
            }
            Image marked = mark(image, plan);
            ImportData data = null;
            boolean[] undone = {false};
            try {
                checkQuotas(plan, marked);
                data = fetched(plan, marked, progress, undone);
                if (!plan.request().isCopy()) {
                    data = pluginsOn(plan, data, progress, undone);
                }
                writeAll(plan, data, progress, undone);
                Image end = current(plan.imageId());
                if (!plan.request().isCopy() && end.status() != ImageStatus.ACTIVE) {
                    throw GlanceException.conflict("None of the uploads finished!");
                }
            } catch (RuntimeException e) {
                if (!undone[0] && !(e instanceof TaskAbortedException)) {
                    undo(plan, List.of(), List.of());
                }
                if (data != null && !plan.request().isCopy()) {
                    data.discard();
                    stages.endStage(plan.imageId(), clock.instant());
                }
                throw e;
            }
            if (!plan.request().isCopy()) {
                // the staged data and what its stage recorded go; a failed removal is retried by the sweeper
                remover.removeStagedData(plan.imageId());
                stages.endStage(plan.imageId(), clock.instant());
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("image_id", plan.imageId());
            result.set("progress", progress.snapshot());
            return result.toString();
        } finally {
            locks.release(plan.imageId(), plan.taskId(), clock.instant());
        }
    }

    private ImportSource source(Plan plan) {
        ImportSource source = sources.get(plan.request().method());
        if (source == null) {
            throw GlanceException.badRequest("Import method " + plan.request().method() + " is not available.");
        }
        return source;
    }

    /** Upstream's start of the flow: importing (not for copies), stores listed, old failures and stage host gone. */
    private Image mark(Image image, Plan plan) {
        ImageStatus expected = switch (plan.request().method()) {
            case ImportMethods.GLANCE_DIRECT -> ImageStatus.UPLOADING;
            case ImportMethods.COPY_IMAGE -> ImageStatus.ACTIVE;
            default -> ImageStatus.QUEUED;
        };
        if (image.status() != expected) {
            throw GlanceException.conflict("Image " + image.id() + " is " + image.status().wire()
                    + ", not " + expected.wire() + ": it changed after the import was asked for.");
        }
        Map<String, String> properties = ImportProperties.add(image.properties(), ImportProperties.IMPORTING,
                plan.storeNames());
        properties = ImportProperties.remove(properties, ImportProperties.FAILED, plan.storeNames());
        properties.remove(ImportProperties.STAGE_HOST);
        ImageStatus status = plan.request().isCopy() ? image.status() : ImageStatus.IMPORTING;
        Image marked = ImageChanges.withProperties(ImageChanges.withData(image, status, image.size(), image.checksum(),
                image.osHashAlgo(), image.osHashValue(), image.locations(), clock.instant()), properties);
        save(image, marked);
        return marked;
    }

    private void checkQuotas(Plan plan, Image image) {
        long mib = (image.size() == null ? 0 : image.size()) >> 20;
        if (plan.request().method().equals(ImportMethods.GLANCE_DIRECT)) {
            limits.enforceImageSizeTotal(plan.ctx(), mib);
        } else {
            limits.enforceImageStageTotal(plan.ctx(), mib);
            limits.enforceImageCountUploading(plan.ctx());
        }
    }

    /**
     * The import's data. When a download (web-download, glance-download) fails no store was written, so, as
     * upstream, every target store is listed as failed and the image goes back to queued.
     */
    private ImportData fetched(Plan plan, Image image, TaskProgress progress, boolean[] undone) {
        try {
            return source(plan).prepare(plan.ctx(), image, plan.request(), progress);
        } catch (TaskAbortedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (plan.request().isDownload()) {
                undone[0] = true;
                undo(plan, List.of(), plan.storeNames());
            }
            throw e;
        }
    }

    /**
     * Runs the plugins; when one fails no store was written, so, as upstream, every target store is listed as
     * failed and the image goes back to queued (the staged data is then removed with the import's).
     */
    private ImportData pluginsOn(Plan plan, ImportData data, TaskProgress progress, boolean[] undone) {
        try {
            return plugins.apply(plan.ctx(), current(plan.imageId()), data, progress);
        } catch (TaskAbortedException e) {
            throw e;
        } catch (RuntimeException e) {
            undone[0] = true;
            undo(plan, List.of(), plan.storeNames());
            throw e;
        }
    }

    /** Writes to every target; {@code undone} tells whether a failure already undid the import. */
    private void writeAll(Plan plan, ImportData data, TaskProgress progress, boolean[] undone) {
        boolean copy = plan.request().isCopy();
        boolean mustSucceed = plan.request().allStoresMustSucceed();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < plan.targets().size(); i++) {
            ConfiguredStore target = plan.targets().get(i);
            String name = plan.storeNames().isEmpty() ? null : target.id();
            boolean setActive = !copy && (!mustSucceed || i == plan.targets().size() - 1);
            progress.phase("importing to store " + target.id(), data.size());
            try {
                written.add(write(plan, target, name, data, setActive, progress));
            } catch (TaskAbortedException e) {
                throw e;
            } catch (RuntimeException e) {
                if (mustSucceed) {
                    undone[0] = true;
                    undo(plan, written, name == null ? List.of() : List.of(name));
                    throw e;
                }
                bookkeep(plan.imageId(), name, true);
            } finally {
                progress.keepCopiedMessage();
            }
        }
    }

    private String write(Plan plan, ConfiguredStore target, String name, ImportData data, boolean setActive,
            TaskProgress progress) {
        Image image = current(plan.imageId());
        DataIngest.Statuses statuses = new DataIngest.Statuses(image.status(), image.status());
        String[] url = new String[1];
        try (InputStream in = data.open()) {
            DataIngest.Request request = new DataIngest.Request(plan.ctx(), image, progress.counting(in),
                    data.size(), OptionalLong.empty(), target, statuses);
            // staged data its stage hashed is not hashed again (only its format is inspected)
            request = data.knownDigests().map(request::withKnownDigests).orElse(request);
            Image written = ingest.ingest(request, (before, stored, owner) -> {
                url[0] = stored.locationUrl();
                acls.applyToNewData(plan.ctx(), before, stored.location());
                return record(plan, name, setActive, stored, owner);
            });
            if (written.visibility() != image.visibility()) {
                acls.apply(plan.ctx(), written); // changed while the data was being written
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url[0];
    }

    private Optional<Image> record(Plan plan, String name, boolean setActive, DataIngest.Stored stored, String owner) {
        Optional<Image> found = dao.find(plan.imageId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Image current = found.get();
        List<ImageLocation> locations = new ArrayList<>(current.locations());
        ImageLocation location = stored.location();
        locations.add(location);
        Image after;
        if (plan.request().isCopy()) {
            if (current.checksum() != null && !current.checksum().equalsIgnoreCase(stored.md5())) {
                throw GlanceException.conflict("The data copied to the store differs from the image's data.");
            }
            after = ImageChanges.withData(current, current.status(), current.size(), current.checksum(),
                    current.osHashAlgo(), current.osHashValue(), locations, clock.instant());
        } else {
            Image uploaded = ImageChanges.uploaded(current, stored.size(), stored.virtualSize(), stored.md5(),
                    stored.hashAlgorithm(), stored.hash(), clock.instant());
            after = ImageChanges.withData(uploaded, setActive ? ImageStatus.ACTIVE : current.status(), stored.size(),
                    stored.md5(), stored.hashAlgorithm(), stored.hash(), locations, clock.instant());
        }
        if (name != null) {
            after = ImageChanges.withProperties(after, ImportProperties.remove(after.properties(),
                    ImportProperties.IMPORTING, List.of(name)));
        }
        return dao.recordImportedData(current, after, location, owner) ? Optional.of(after) : Optional.empty();
    }

    /** One store failed without undoing the import: it moves from the importing list to the failed one. */
    private void bookkeep(String imageId, String name, boolean failed) {
        if (name == null) {
            return;
        }
        Image current = current(imageId);
        Map<String, String> properties = ImportProperties.remove(current.properties(), ImportProperties.IMPORTING,
                List.of(name));
        if (failed) {
            properties = ImportProperties.add(properties, ImportProperties.FAILED, List.of(name));
        }
        save(current, ImageChanges.withProperties(ImageChanges.withData(current, current.status(), current.size(),
                current.checksum(), current.osHashAlgo(), current.osHashValue(), current.locations(),
                clock.instant()), properties));
    }

    /**
     * Undoes an import that must not half succeed: the data it wrote goes, its stores leave the importing list
     * ({@code failedStores} join the failed one), and an image that is not a copy goes back to queued.
     */
    void undo(Plan plan, List<String> writtenUrls, List<String> failedStores) {
        Optional<Image> found = dao.find(plan.imageId());
        if (found.isEmpty()) {
            return;
        }
        Image current = found.get();
        Map<String, String> properties = ImportProperties.remove(current.properties(), ImportProperties.IMPORTING,
                plan.storeNames());
        if (!failedStores.isEmpty()) {
            properties = ImportProperties.add(properties, ImportProperties.FAILED, failedStores);
        }
        List<ImageLocation> kept = current.locations().stream().filter(l -> !writtenUrls.contains(l.url())).toList();
        Image after;
        if (plan.request().isCopy() || current.status() == ImageStatus.ACTIVE && writtenUrls.isEmpty()) {
            after = ImageChanges.withData(current, current.status(), current.size(), current.checksum(),
                    current.osHashAlgo(), current.osHashValue(), kept, clock.instant());
        } else {
            after = ImageChanges.withData(current, ImageStatus.QUEUED, null, null, null, null, kept, clock.instant());
        }
        save(current, ImageChanges.withProperties(after, new LinkedHashMap<>(properties)));
        if (kept.size() != current.locations().size()) {
            remover.sweep(Optional.of(plan.imageId()), plan.ctx().storeCaller());
        }
    }

    private Image current(String imageId) {
        return dao.find(imageId).orElseThrow(
                () -> GlanceException.notFound("Image has been deleted, aborting import."));
    }

    private void save(Image before, Image after) {
        if (!dao.update(before, after, before.status())) {
            throw GlanceException.conflict("Image " + before.id() + " changed during the import.");
        }
    }
}
