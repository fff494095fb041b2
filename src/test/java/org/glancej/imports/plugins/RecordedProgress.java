package org.glancej.imports.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Keeps every phase and the bytes done in the last one; can stop the plugin at its first advance, as a cancel. */
final class RecordedProgress implements ImportProgress {
    final List<String> phases = new ArrayList<>();
    final List<OptionalLong> totals = new ArrayList<>();
    long done;
    int advances;
    private final boolean cancel;

    RecordedProgress(boolean cancel) {
        this.cancel = cancel;
    }

    @Override
    public void phase(String name, OptionalLong total) {
        phases.add(name);
        totals.add(total);
        done = 0;
    }

    @Override
    public void advance(long bytes) {
        if (cancel) {
            throw new IllegalStateException("task cancelled");
        }
        advances++;
        done += bytes;
    }
}
