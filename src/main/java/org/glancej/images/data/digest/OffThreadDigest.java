package org.glancej.images.data.digest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.glancej.common.BufferRelay;

/**
 * Computes a digest on a thread of its own, so an upload's hashes run on other cores than the thread receiving
 * the data whenever a core is free. Data is copied into a few fixed chunks that cycle between the caller and the
 * hashing thread (see {@link BufferRelay}), so memory stays bounded.
 */
public final class OffThreadDigest implements StreamDigest {
    private static final int CHUNK = 128 << 10;
    private static final int DEPTH = 4;

    private final StreamDigest delegate;
    private final BufferRelay relay;
    private ByteBuffer filling;
    private boolean ended;

    public OffThreadDigest(StreamDigest delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        List<ByteBuffer> chunks = new ArrayList<>(DEPTH);
        for (int i = 0; i < DEPTH; i++) {
            chunks.add(ByteBuffer.allocate(CHUNK));
        }
        this.relay = new BufferRelay("digest", chunks,
                chunk -> delegate.update(chunk.array(), chunk.arrayOffset(), chunk.limit()));
    }

    @Override
    public void update(byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        checkOpen();
        try {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] digest() {
        checkOpen();
        ended = true;
        try {
            if (filling != null && filling.position() > 0) {
                relay.submit(filling);
            }
            relay.finish();
        } catch (IOException e) {
            delegate.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delegate.close();
            throw e;
        }
        return delegate.digest();
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            relay.abandon();
        }
        delegate.close();
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("digest already ended");
        }
    }
}
