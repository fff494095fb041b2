package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.store.StoreException;

/**
 * An image as a Dynamic Large Object, in glance_store's layout: segments {@code <object>-00001},
 * {@code <object>-00002}, ... of {@code chunkSize} bytes (the last shorter) in the image's container, each
 * streamed from the caller's data as it arrives, then an empty manifest {@code <object>} with
 * {@code X-Object-Manifest: <container>/<object>-}. Data of unknown size goes up in chunked segments; no
 * zero-length segment is written; with a {@link SegmentBuffer} ({@code swift_buffer_on_upload}) each segment goes
 * through a file and is sent again when Swift fails it. The segments written so far are kept in
 * {@link #segments()} for clean-up.
 */
final class LargeObjectUpload {
    private final SwiftAccount account;
    private final String container;
    private final String object;
    private final long chunkSize;
    private final Optional<SegmentBuffer> buffer;
    private final List<String> segments = new ArrayList<>();

    LargeObjectUpload(SwiftAccount account, String container, String object, long chunkSize,
            Optional<SegmentBuffer> buffer) {
        this.account = requireNonNull(account, "account is null");
        this.container = requireNonNull(container, "container is null");
        this.object = requireNonNull(object, "object is null");
        this.chunkSize = chunkSize;
        this.buffer = requireNonNull(buffer, "buffer is null");
    }

    /** Writes the segments and the manifest; returns the bytes written. */
    long write(InputStream data, OptionalLong expectedSize) {
        PushbackInputStream in = new PushbackInputStream(data, 1);
        long total = 0;
        while (true) {
            long left = expectedSize.isPresent() ? expectedSize.getAsLong() - total : chunkSize;
            if (!hasMore(in)) {
                if (expectedSize.isPresent() && left > 0) {
                    throw shorter(expectedSize.getAsLong());
                }
                break;
            }
            if (left <= 0) {
                throw new UncheckedIOException(new IOException("image data is longer than the "
                        + expectedSize.getAsLong() + " bytes announced"));
            }
            String name = "%s-%05d".formatted(object, segments.size() + 1);
            long length = expectedSize.isPresent() ? Math.min(chunkSize, left) : -1;
            SegmentStream segment = new SegmentStream(in, Math.min(chunkSize, left));
            segments.add(name); // before writing: a failed PUT may still have stored it
            try {
                if (buffer.isPresent()) {
                    buffer.get().put(account, container, name, segment);
                    if (segment.dataEnded() && expectedSize.isPresent()) {
                        throw shorter(expectedSize.getAsLong());
                    }
                } else {
                    account.put(container, name, segment, length, Map.of());
                }
            } catch (StoreException e) {
                if (segment.dataEnded() && expectedSize.isPresent()) {
                    throw shorter(expectedSize.getAsLong());
                }
                throw e;
            }
            total += segment.count();
        }
        account.put(container, object, InputStream.nullInputStream(), 0,
                Map.of("X-Object-Manifest", SwiftLocation.quote(container) + "/" + SwiftLocation.quote(object) + "-"));
        return total;
    }

    static UncheckedIOException shorter(long announced) {
        return new UncheckedIOException(new IOException("image data is shorter than the " + announced
                + " bytes announced"));
    }

    List<String> segments() {
        return List.copyOf(segments);
    }

    static boolean hasMore(PushbackInputStream in) {
        try {
            byte[] one = new byte[1];
            int n;
            do {
                n = in.read(one, 0, 1); // not read(): some callers' streams only read into arrays
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            in.unread(one[0]);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
