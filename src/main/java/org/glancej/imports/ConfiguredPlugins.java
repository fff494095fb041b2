package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageDao;
import org.glancej.imports.plugins.ImageChanges;
import org.glancej.imports.plugins.ImportPluginFailure;
import org.glancej.imports.plugins.ImportPlugins;
import org.glancej.imports.plugins.ImportProgress;
import org.glancej.imports.plugins.StagedImage;
import org.glancej.store.StoreRegistry;
import org.glancej.tasks.TaskProgress;

/**
 * {@link StagedDataPlugins} backed by the configured {@link ImportPlugins}: they rewrite the staged file in place,
 * and what they change on the image ({@code disk_format}, {@code container_format}, injected properties) is saved
 * before the data goes to the stores, so the upload path's format check compares the data with the format it now
 * has. Size, virtual size and checksums come from the store write. A plugin's failure
 * ({@link ImportPluginFailure}, recorded as the task's message) goes up to the import, which reverts as for any failure.
 */
public final class ConfiguredPlugins implements StagedDataPlugins {
    private final ImportPlugins plugins;
    private final StoreRegistry stores;
    private final ImageDao dao;
    private final Clock clock;

    public ConfiguredPlugins(ImportPlugins plugins, StoreRegistry stores, ImageDao dao, Clock clock) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public ImportData apply(RequestContext caller, Image image, ImportData staged, TaskProgress progress) {
        if (plugins.isEmpty()) {
            return staged;
        }
        StagedImage file = StagedImage.inStagingStore(StagedData.stagingStore(stores).orElseThrow().store(),
                image.id(), image.diskFormat(), image.containerFormat());
        ImageChanges changes;
        try {
            changes = plugins.run(file, caller, progress(progress));
        } catch (ImportPluginFailure e) {
            // a refusal of the data, not a fault of the service: the task records the plugin's reason
            throw GlanceException.badRequest(e.getMessage());
        }
        if (changes.diskFormat().isPresent() || changes.containerFormat().isPresent()
                || !changes.extraProperties().isEmpty()) {
            save(image.id(), changes);
        }
        return changes.dataReplaced() && staged instanceof StagedData stagedFile ? stagedFile.rewritten() : staged;
    }

    private static ImportProgress progress(TaskProgress progress) {
        return new ImportProgress() {
            @Override
            public void phase(String name, OptionalLong total) {
                progress.phase(name, total);
            }

            @Override
            public void advance(long bytes) {
                progress.advance(bytes);
            }
        };
    }

    private void save(String imageId, ImageChanges changes) {
        ImportedMetadata.save(dao, clock, imageId, changes.diskFormat(), changes.containerFormat(),
                changes.extraProperties());
    }
}
