package org.glancej.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Ordinary writes through the page cache, for filesystems that refuse direct I/O. */
final class BufferedFileSink implements FileSink {
    private final FileChannel channel;
    private final BackgroundFlusher flusher;
    private long written;

    BufferedFileSink(FileChannel channel) {
        this.channel = channel;
        this.flusher = new BackgroundFlusher(channel);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, offset, length);
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
        written += length;
        flusher.written(written);
    }

    @Override
    public void finish(long size) throws IOException {
        flusher.await();
        channel.force(true);
    }

    @Override
    public void abandon() {
        flusher.await();
    }
}
