package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.http.Json;
import org.glancej.images.DataRemover;
import org.glancej.images.Image;
import org.glancej.images.ImageChanges;
import org.glancej.images.ImageDao;
import org.glancej.images.ImageStatus;
import org.glancej.images.TaskLockDao;
import org.glancej.images.StageDao;
import org.glancej.images.UploadDao;
import org.glancej.imports.plugins.ImportPlugins;
import org.glancej.store.StoreRegistry;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after an import whose process died ({@link TaskRecovery}): the store write it was in the middle of
 * loses its partial data, an image the import had taken to {@code importing} goes back to queued without the
 * data of this import (its staged data removed, so it can be staged and imported again; an image the import
 * never started on keeps its status and staged data), the stores it did not finish are listed as failed, and
 * its lock is released.
 */
public final class AbandonedImports implements TaskRecovery.Cleanup {
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedImports.class);

    private final ImageDao images;
    private final UploadDao uploads;
    private final StageDao stages;
    private final TaskLockDao locks;
    private final DataRemover remover;
    private final StoreRegistry stores;
    private final Clock clock;

    public AbandonedImports(ImageDao images, UploadDao uploads, StageDao stages, TaskLockDao locks, DataRemover remover,
            StoreRegistry stores, Clock clock) {
        this.images = requireNonNull(images, "images is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.stages = requireNonNull(stages, "stages is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void undo(Task task) {
        String id = task.imageId();
        if (id == null) {
            return;
        }
        Instant now = clock.instant();
        Optional<Image> found = images.find(id);
        if (found.isPresent()) {
            Image image = found.get();
            // the store write cut short: its markers go and its partial data is recorded for removal
            uploads.inFlight(id).ifPresent(upload -> uploads.release(id, image.status(), image.status(),
                    upload.owner(), upload.location(), now));
            Image current = images.find(id).orElse(image);
            String method = input(task).path("import_req").path("method").path("name").asText("");
            List<String> names = new ArrayList<>();
            input(task).path("backend").forEach(s -> {
                if (s.isTextual()) {
                    names.add(s.asText());
                }
            });
            List<String> importing = List.of(current.properties().getOrDefault(ImportProperties.IMPORTING, "")
                    .split(","));
            List<String> unfinished = names.stream().filter(importing::contains).toList();
            Map<String, String> properties = ImportProperties.remove(current.properties(), ImportProperties.IMPORTING,
                    names);
            properties = ImportProperties.add(properties, ImportProperties.FAILED, unfinished);
            boolean copy = method.equals(ImportMethods.COPY_IMAGE);
            Image after;
            // only an image the import had taken to importing is put back; one it never started on keeps its
            // status (and staged data), so the import can simply be asked for again
            if (copy || current.status() != ImageStatus.IMPORTING) {
                after = ImageChanges.withData(current, current.status(), current.size(), current.checksum(),
                        current.osHashAlgo(), current.osHashValue(), current.locations(), now);
            } else {
                after = ImageChanges.withData(current, ImageStatus.QUEUED, null, null, null, null, List.of(), now);
                if (StagedData.stagingStore(stores).isPresent()) {
                    StagedData.of(stores, id).discard();
                    stages.endStage(id, now);
                }
            }
            if (!images.update(current, ImageChanges.withProperties(after, properties), current.status())) {
                LOG.warn("image {} changed while its abandoned import {} was undone", id, task.id());
            }
            remover.sweep(Optional.of(id));
            removePluginLeftovers(id);
        }
        locks.release(id, task.id(), now);
    }

    /** The scratch files an import plugin was writing beside the staged file when the process died. */
    private void removePluginLeftovers(String id) {
        StagedData.stagingStore(stores).flatMap(staging -> staging.store().uploadLocation(id))
                .filter(url -> url.startsWith("file://"))
                .ifPresent(url -> ImportPlugins.removeLeftovers(Path.of(url.substring("file://".length()))));
    }

    private static JsonNode input(Task task) {
        try {
            return task.input() == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(task.input());
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
