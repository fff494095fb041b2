package org.glancej.imports.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glancej.auth.RequestContext;
import org.glancej.config.ConfigException;
import org.glancej.images.data.format.DeclaredFormatCheck;
import org.glancej.images.data.format.FormatEnforcement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured import plugins, run in the order {@code image_import_plugins} lists them on an image's staged
 * data, between staging and the write to the target stores (upstream runs none for {@code copy-image}).
 *
 * <p>Usage by the import: {@code ImageChanges changes = plugins.run(new StagedImage(id, stagedFile, diskFormat,
 * containerFormat), caller, progress)}; apply {@code changes} to the image, then write the staged file (as it now is) to
 * the stores, hashing it there. On {@link ImportPluginFailure} the import fails with its message as the reason;
 * nothing the plugins wrote is left, and the staged file is whole. After a crash, {@link #removeLeftovers}
 * removes what a plugin was writing.
 */
public final class ImportPlugins {
    private static final Logger LOG = LoggerFactory.getLogger(ImportPlugins.class);

    private final List<ImportPlugin> plugins;

    ImportPlugins(List<ImportPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /**
     * The chain {@code config} names.
     *
     * @throws ConfigException when {@code image_conversion} is enabled but qemu-img, prlimit or setpriv cannot be run
     */
    public static ImportPlugins create(ImportPluginsConfig config, FormatEnforcement enforcement) {
        return create(config, enforcement, QemuImg.standard());
    }

    static ImportPlugins create(ImportPluginsConfig config, FormatEnforcement enforcement, QemuImg qemuImg) {
        requireNonNull(config, "config is null");
        List<ImportPlugin> chain = new ArrayList<>();
        for (String name : config.plugins()) {
            chain.add(switch (name) {
                case ImportPluginsConfig.NO_OP -> new NoOpPlugin();
                case ImportPluginsConfig.INJECT_IMAGE_METADATA ->
                        new InjectMetadataPlugin(config.ignoreUserRoles(), config.inject());
                case ImportPluginsConfig.IMAGE_DECOMPRESSION -> new DecompressionPlugin(config.imageSizeCap());
                case ImportPluginsConfig.IMAGE_CONVERSION -> new ConversionPlugin(config.outputFormat(),
                        config.vmdkAllowedTypes(), new DeclaredFormatCheck(enforcement), qemuImg);
                default -> throw new IllegalStateException("plugin " + name + " passed the config check");
            });
        }
        if (config.plugins().contains(ImportPluginsConfig.IMAGE_CONVERSION) && !qemuImg.available()) {
            throw new ConfigException("[image_import_opts] image_import_plugins enables image_conversion, which"
                    + " needs qemu-img, prlimit and setpriv (Debian: qemu-utils, util-linux); one of them cannot be run");
        }
        return new ImportPlugins(chain);
    }

    /** Upstream's names of the plugins, in the order they run. */
    public List<String> names() {
        return plugins.stream().map(ImportPlugin::name).toList();
    }

    public boolean isEmpty() {
        return plugins.isEmpty();
    }

    /**
     * Runs every plugin on the staged data; each sees the image as the previous ones left it.
     *
     * @return the changes to apply to the image, later plugins' values winning
     * @throws ImportPluginFailure when a plugin refuses or fails; earlier plugins' rewrites of the staged file stay
     */
    public ImageChanges run(StagedImage image, RequestContext caller, ImportProgress progress) {
        requireNonNull(caller, "caller is null");
        requireNonNull(progress, "progress is null");
        ImageChanges changes = ImageChanges.NONE;
        StagedImage current = image;
        for (ImportPlugin plugin : plugins) {
            ImageChanges step;
            try {
                step = plugin.apply(current, caller, progress);
            } catch (ImportPluginFailure e) {
                LOG.warn("import plugin {} failed for image {}: {}", plugin.name(), image.imageId(), e.getMessage());
                throw e;
            }
            changes = changes.then(step);
            current = current.with(step);
        }
        return changes;
    }

    /**
     * Removes the files plugins were writing beside this staged file when the process died; the staged file itself
     * is left alone. Returns how many were removed.
     */
    public static int removeLeftovers(Path stagedFile) {
        return StagedFiles.removeLeftovers(stagedFile);
    }
}
