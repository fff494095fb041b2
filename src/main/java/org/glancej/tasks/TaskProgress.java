package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live progress of a task moving data: bytes done of the total (when known) in the current phase, written to
 * the task at most every {@code interval} while data flows (upstream writes "Copied N MiB" to the message; the
 * result adds a {@code progress} object, see README). Each write is also the task's heartbeat; a write that
 * finds the task no longer processing stops the data with {@link TaskAbortedException}.
 */
public final class TaskProgress {
    private static final Logger LOG = LoggerFactory.getLogger(TaskProgress.class);
    private static final long MIB = 1024 * 1024;

    private final String taskId;
    private final TaskDao dao;
    private final Clock clock;
    private final Duration interval;
    private String phase = "";
    private long done;
    private OptionalLong total = OptionalLong.empty();
    private Instant lastWrite = Instant.EPOCH;
    private String successMessage = "";

    public TaskProgress(String taskId, TaskDao dao, Clock clock, Duration interval) {
        this.taskId = requireNonNull(taskId, "taskId is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    public String taskId() {
        return taskId;
    }

    /** Starts a phase (e.g. {@code "importing to store fast"}) of {@code total} bytes, if known; written now. */
    public synchronized void phase(String name, OptionalLong total) {
        this.phase = requireNonNull(name, "name is null");
        this.total = requireNonNull(total, "total is null");
        this.done = 0;
        write();
    }

    /** Counts bytes moved; writes the progress when the interval has passed. */
    public synchronized void advance(long bytes) {
        done += bytes;
        if (!clock.instant().isBefore(lastWrite.plus(interval))) {
            write();
        }
    }

    /** The data read through the returned stream counts as done. */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }
        };
    }

    /** The progress object as the task's result shows it. */
    public synchronized ObjectNode snapshot() {
        ObjectNode progress = JsonNodeFactory.instance.objectNode();
        progress.put("phase", phase);
        progress.put("bytes_done", done);
        if (total.isPresent()) {
            progress.put("bytes_total", total.getAsLong());
        } else {
            progress.putNull("bytes_total");
        }
        progress.put("updated_at", clock.instant().toString());
        return progress;
    }

    /** Upstream's progress message. */
    public synchronized String message() {
        return "Copied " + done / MIB + " MiB";
    }

    /**
     * The phase now ending copied data to a store: its "Copied N MiB" becomes the message the task keeps if it
     * succeeds, as upstream's import keeps the last count of its store copies (none when nothing was copied).
     */
    public synchronized void keepCopiedMessage() {
        if (done > 0) {
            successMessage = message();
        }
    }

    /** The message of the task once it succeeded: the last count kept, else empty. */
    public synchronized String successMessage() {
        return successMessage;
    }

    private void write() {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("progress", snapshot());
        lastWrite = clock.instant();
        boolean processing;
        try {
            processing = dao.progress(taskId, result.toString(), message(), lastWrite);
        } catch (RuntimeException e) {
            // a database hiccup must not end a long copy; the next write tries again
            LOG.info("task {}: could not record progress: {}", taskId, e.getMessage());
            return;
        }
        if (!processing) {
            throw new TaskAbortedException(taskId);
        }
    }
}
