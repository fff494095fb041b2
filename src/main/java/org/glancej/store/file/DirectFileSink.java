package org.glancej.store.file;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.glancej.common.BufferRelay;

/**
 * Writes with O_DIRECT on a thread of its own. The data goes from aligned buffers straight to the disk: the
 * kernel's copy into the page cache, which costs about as much CPU as both upload hashes together, never
 * happens, and each write overlaps with receiving and hashing the next megabyte. The last block is padded to
 * the alignment and the file truncated back to the data's size.
 */
final class DirectFileSink implements FileSink {
    static final int BUFFER = 1 << 20;
    private static final int DEPTH = 3;

    private final FileChannel channel;
    private final int alignment;
    private final Arena arena = Arena.ofShared();
    private final BufferRelay relay;
    private ByteBuffer filling;
    private long position;

    /** {@code channel} was opened with {@code ExtendedOpenOption.DIRECT}; {@code alignment} divides {@link #BUFFER}. */
    DirectFileSink(FileChannel channel, int alignment) {
        this.channel = channel;
        this.alignment = alignment;
        List<ByteBuffer> buffers = new ArrayList<>(DEPTH);
        for (int i = 0; i < DEPTH; i++) {
            buffers.add(arena.allocate(BUFFER, alignment).asByteBuffer());
        }
        this.relay = new BufferRelay("file-write", buffers, this::writeOut);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        while (length > 0) {
            if (filling == null) {
                filling = relay.acquire();
            }
            int n = Math.min(length, filling.remaining());
            filling.put(buffer, offset, n);
            offset += n;
            length -= n;
            if (!filling.hasRemaining()) {
                relay.submit(filling);
                filling = null;
            }
        }
    }

    @Override
    public void finish(long size) throws IOException {
        if (filling != null && filling.position() > 0) {
            int padded = Math.ceilDiv(filling.position(), alignment) * alignment;
            while (filling.position() < padded) {
                filling.put((byte) 0);
            }
            relay.submit(filling);
        }
        filling = null;
        relay.finish();
        channel.truncate(size);
        channel.force(true);
        arena.close();
    }

    @Override
    public void abandon() {
        relay.abandon();
        try {
            arena.close();
        } catch (IllegalStateException e) {
            // still in use by a write that ignored the interrupt; the buffers go with the arena's last user
        }
    }

    /** Runs on the relay's thread: the only code that touches {@code position}. */
    private void writeOut(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            position += channel.write(data, position);
        }
    }
}
