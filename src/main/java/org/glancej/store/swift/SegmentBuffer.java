package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code swift_buffer_on_upload}: each segment is first written to a temporary file of
 * {@code swift_upload_buffer_dir}, then sent from it, so that a PUT Swift fails is sent again from the file, as
 * upstream's client retries it (5 times, waiting 1 s, 2 s, 4 s ... at most 64 s). Disk use is one segment per upload
 * in progress; the file is removed once its segment is stored or has failed for good.
 */
final class SegmentBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentBuffer.class);
    static final int RETRIES = 5;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(64);
    private static final int COPY_BUFFER = 64 * 1024;

    /**
     * A buffer untouched this long belongs to no upload in progress: a live one is being written, or is sent
     * again within minutes (five retries, 31 s of waits). Younger ones may be another process's on the same
     * directory.
     */
    static final Duration LEFTOVER_AGE = Duration.ofHours(1);
    private static final String PREFIX = "swift-segment-";
    private static final String SUFFIX = ".buf";

    private final Path dir;

    SegmentBuffer(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    /**
     * Buffers all of {@code segment} (the caller's data for one segment) and stores it as {@code object}; answers
     * the bytes stored. A failure of the caller's data is rethrown as the data threw it, before anything is sent.
     */
    long put(SwiftAccount account, String container, String object, InputStream segment) {
        Path file = create();
        try {
            long length = fill(file, segment);
            Duration wait = FIRST_WAIT;
            for (int attempt = 0; ; attempt++) {
                try (InputStream in = Files.newInputStream(file)) {
                    account.put(container, object, in, length, Map.of());
                    return length;
                } catch (StoreException e) {
                    if (e.reason() != Reason.UNAVAILABLE || attempt == RETRIES) {
                        throw e;
                    }
                    LOG.info("storing segment {} in Swift failed ({}); sending it again from its buffer in {} s ({}/{})",
                            object, e.getMessage(), wait.toSeconds(), attempt + 1, RETRIES);
                    sleep(wait);
                    wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                } catch (IOException e) {
                    throw unbuffered(e);
                }
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not remove the segment buffer {}: {}", file, e.getMessage());
            }
        }
    }

    /**
     * Removes the buffers a process stopped mid-segment (killed, or the machine lost power) left behind, at
     * startup: nothing else would, and each holds up to a segment of image data. Answers how many went.
     */
    int sweepLeftovers(Instant now) {
        int removed = 0;
        try (DirectoryStream<Path> buffers = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : buffers) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(LEFTOVER_AGE))
                            && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.warn("could not remove the left-over segment buffer {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for left-over segment buffers in {}: {}", dir, e.getMessage());
        }
        if (removed > 0) {
            LOG.info("removed {} segment buffers left in {} by uploads that stopped", removed, dir);
        }
        return removed;
    }

    private Path create() {
        try {
            return Files.createTempFile(dir, PREFIX, SUFFIX);
        } catch (IOException e) {
            throw unbuffered(e);
        }
    }

    /** Copies the segment's data into the file; a failure reading the data is the caller's, writing the file ours. */
    private long fill(Path file, InputStream segment) {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = segment.read(buffer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (n < 0) {
                    return total;
                }
                out.write(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw unbuffered(e);
        }
    }

    private StoreException unbuffered(IOException e) {
        return new StoreException(Reason.UNAVAILABLE, "Could not buffer image data in " + dir
                + " (swift_upload_buffer_dir): " + SwiftAccount.describe(e), e);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while waiting to send a segment to Swift again", e);
        }
    }
}
