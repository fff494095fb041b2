package org.glancej.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/**
 * Image data a store keeps in a local file: an open channel and the span of it that holds the bytes asked for.
 * The HTTP layer can move such a span from the file to the socket without passing it through the heap. Closing
 * the region closes the channel.
 *
 * @param position where the bytes start in the file
 * @param count how many bytes there are; fewer remain in the file only if it was cut short meanwhile
 */
public record FileRegion(FileChannel channel, long position, long count) implements AutoCloseable {

    public FileRegion {
        requireNonNull(channel, "channel is null");
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count: " + position + ", " + count);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
