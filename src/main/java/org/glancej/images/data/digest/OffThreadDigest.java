package org.glancej.images.data.digest;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Computes a digest on a thread of its own, so an upload's two hashes can run on two cores while a core is
 * free. Data is copied into a few fixed chunks that cycle between the caller and the hashing thread; when
 * the hashing thread falls behind, the caller waits, so memory stays bounded.
 */
public final class OffThreadDigest implements StreamDigest {
    private static final int CHUNK = 128 << 10;
    private static final int DEPTH = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] data, int length) {}

    private final StreamDigest delegate;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(DEPTH + 1);
    private final Thread worker;
    private volatile RuntimeException failure;
    private byte[] filling;
    private int filled;
    private boolean ended;

    public OffThreadDigest(StreamDigest delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        for (int i = 0; i < DEPTH; i++) {
            free.add(new byte[CHUNK]);
        }
        this.worker = Thread.ofVirtual().name("digest").start(this::hashChunks);
    }

    @Override
    public void update(byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        checkOpen();
        while (length > 0) {
            if (filling == null) {
                filling = take(free);
                filled = 0;
            }
            int n = Math.min(length, CHUNK - filled);
            System.arraycopy(buffer, offset, filling, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == CHUNK) {
                submit();
            }
        }
    }

    @Override
    public byte[] digest() {
        checkOpen();
        if (filling != null && filled > 0) {
            submit();
        }
        ended = true;
        put(END);
        join();
        if (failure != null) {
            delegate.close();
            throw failure;
        }
        return delegate.digest();
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            worker.interrupt();
            join();
        }
        delegate.close();
    }

    private void hashChunks() {
        try {
            while (true) {
                Chunk chunk = work.take();
                if (chunk == END) {
                    return;
                }
                delegate.update(chunk.data(), 0, chunk.length());
                free.put(chunk.data());
            }
        } catch (InterruptedException e) {
            // abandoned upload
        } catch (RuntimeException e) {
            failure = e;
            free.clear();
            free.add(new byte[CHUNK]);
        }
    }

    private void submit() {
        put(new Chunk(filling, filled));
        filling = null;
        if (failure != null) {
            throw failure;
        }
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("digest already ended");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private <T> T take(BlockingQueue<T> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    private <T> void put(BlockingQueue<T> queue, T item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    private void put(Chunk chunk) {
        put(work, chunk);
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
