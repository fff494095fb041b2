package org.glancej.imports.plugins;

import java.util.OptionalLong;

/**
 * Where plugins report how far they are while they rewrite staged data: a phase with its total when known, then
 * bytes done as they go. Called on the thread that runs the chain; an exception thrown from here (a task
 * cancelled) stops the plugin, which removes what it wrote and lets the exception through.
 */
public interface ImportProgress {
    ImportProgress NONE = new ImportProgress() {
        @Override
        public void phase(String name, OptionalLong total) {}

        @Override
        public void advance(long bytes) {}
    };

    /** A new phase ({@code decompressing}, {@code converting}) starts, of {@code total} bytes when known. */
    void phase(String name, OptionalLong total);

    /** {@code bytes} more bytes of the current phase are done. */
    void advance(long bytes);
}
