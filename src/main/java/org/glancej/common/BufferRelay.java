package org.glancej.common;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands filled buffers from one producer to a consumer running on a virtual thread of its own, so a stage of
 * an upload (a hash, a disk write) runs beside the thread that receives the data. A fixed set of buffers cycles
 * between the two: when the consumer falls behind, the producer waits, so memory stays bounded whatever the
 * size of the data. One producer thread only.
 */
public final class BufferRelay {
    /** The consumer's work on one filled buffer (flipped: position 0, limit at the data's end). */
    @FunctionalInterface
    public interface Stage {
        void consume(ByteBuffer filled) throws IOException;
    }

    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Stage stage;
    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<ByteBuffer> work;
    private final Thread consumer;
    private volatile Exception failure;
    private boolean ended;

    public BufferRelay(String name, List<ByteBuffer> buffers, Stage stage) {
        this.stage = requireNonNull(stage, "stage is null");
        this.free = new ArrayBlockingQueue<>(buffers.size(), false, buffers);
        // room for every buffer and the end marker, so handing over never blocks
        this.work = new ArrayBlockingQueue<>(buffers.size() + 1);
        this.consumer = Thread.ofVirtual().name(name).start(this::run);
    }

    /** An empty buffer to fill, waiting while the consumer holds them all. */
    public ByteBuffer acquire() throws IOException {
        checkOpen();
        ByteBuffer buffer = take(free);
        checkFailure();
        return buffer.clear();
    }

    /** Passes a buffer filled from position 0 up to its position. */
    public void submit(ByteBuffer filled) throws IOException {
        checkOpen();
        work.add(filled.flip());
    }

    /** Waits until the consumer has processed everything submitted; rethrows its failure. */
    public void finish() throws IOException {
        checkOpen();
        ended = true;
        work.add(END);
        join();
        checkFailure();
    }

    /** Stops the consumer without waiting for the work queued; safe to call at any time and more than once. */
    public void abandon() {
        if (!ended) {
            ended = true;
            consumer.interrupt();
        }
        join();
    }

    private void run() {
        try {
            while (true) {
                ByteBuffer buffer = work.take();
                if (buffer == END) {
                    return;
                }
                stage.consume(buffer);
                free.add(buffer);
            }
        } catch (InterruptedException e) {
            // abandoned
        } catch (IOException | RuntimeException e) {
            failure = e;
            // wake a producer waiting for a buffer, so it sees the failure
            free.offer(ByteBuffer.allocate(0));
        }
    }

    private void checkOpen() throws IOException {
        if (ended) {
            throw new IllegalStateException("relay already finished");
        }
        checkFailure();
    }

    private void checkFailure() throws IOException {
        Exception e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
    }

    private ByteBuffer take(BlockingQueue<ByteBuffer> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer");
        }
    }

    private void join() {
        try {
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
