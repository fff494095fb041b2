package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * An opened source: its data as a stream, read once, and its size when the source tells it. Reads fail with an
 * {@link ImportSourceException} when the source stalls, closes early, sends more than {@code image_size_cap} or
 * other than the size it promised. Closing drops the connection.
 */
public final class SourceData implements Closeable {
    private final SourceStream stream;
    private final OptionalLong size;

    SourceData(SourceStream stream, OptionalLong size) {
        this.stream = requireNonNull(stream, "stream is null");
        this.size = requireNonNull(size, "size is null");
    }

    /** The data; what is read counts towards {@link #bytesRead}. */
    public InputStream stream() {
        return stream;
    }

    /** The size announced by the source (Content-Length, or the remote image's size), if any. */
    public OptionalLong size() {
        return size;
    }

    /** Bytes read so far; safe to call from another thread (for progress). */
    public long bytesRead() {
        return stream.bytesRead();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
