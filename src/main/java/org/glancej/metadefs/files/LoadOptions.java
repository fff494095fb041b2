package org.glancej.metadefs.files;

import java.util.Optional;

/**
 * How {@code load_metadefs} treats a namespace that is already in the database: skipped (the default); with
 * {@code merge}, kept and given what the file adds; with {@code merge} and {@code preferNew}, also rewritten from
 * the file; with {@code merge} and {@code overwrite}, dropped with its contents and loaded anew. Nothing in the
 * database is removed by a merge.
 */
public record LoadOptions(boolean merge, boolean preferNew, boolean overwrite) {
    public static final LoadOptions DEFAULT = new LoadOptions(false, false, false);

    /** Upstream's refusal of a combination it does not define, word for word. */
    public Optional<String> problem() {
        if (!merge && (preferNew || overwrite)) {
            return Optional.of("To use --prefer_new or --overwrite you need to combine of these options with --merge option.");
        }
        if (preferNew && overwrite) {
            return Optional.of("Please provide no more than one option from this list: --prefer_new, --overwrite");
        }
        return Optional.empty();
    }
}
