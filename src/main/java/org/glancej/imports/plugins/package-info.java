/**
 * Upstream Glance's import plugins ({@code [image_import_opts] image_import_plugins}): steps that run on an image's
 * staged data after it is staged and before it is written to the target stores, in the configured order.
 *
 * <p>{@link org.glancej.imports.plugins.ImportPlugins} is the chain the import calls: it takes the staged file and
 * the caller, may replace the file in place (atomically: the staged file is always whole, either as it was or as
 * a plugin left it) and returns the image changes to apply ({@link org.glancej.imports.plugins.ImageChanges}).
 * A plugin that fails throws {@link org.glancej.imports.plugins.ImportPluginFailure} with the reason to record,
 * after removing whatever it wrote. The plugins are upstream's: {@code no_op}, {@code inject_image_metadata},
 * {@code image_decompression} and {@code image_conversion}, with upstream's options and semantics; where this
 * package is stricter (output caps against decompression bombs, limits on {@code qemu-img convert} as well as on
 * {@code qemu-img info}, the format inspection run again on decompressed data by the conversion), it says so
 * where it is.
 */
package org.glancej.imports.plugins;
