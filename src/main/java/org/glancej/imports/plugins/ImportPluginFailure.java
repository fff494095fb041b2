package org.glancej.imports.plugins;

import static java.util.Objects.requireNonNull;

/**
 * An import plugin refused or failed to process the staged data. The message is the reason to record on the
 * import's task; it names no path of this host. Whatever the plugin wrote is already removed, and the staged file
 * is whole, as the plugin found it.
 */
public final class ImportPluginFailure extends RuntimeException {
    private final String plugin;

    public ImportPluginFailure(String plugin, String message) {
        super(message);
        this.plugin = requireNonNull(plugin, "plugin is null");
    }

    public ImportPluginFailure(String plugin, String message, Throwable cause) {
        super(message, cause);
        this.plugin = requireNonNull(plugin, "plugin is null");
    }

    /** Upstream's name of the plugin that failed, e.g. {@code image_conversion}. */
    public String plugin() {
        return plugin;
    }
}
