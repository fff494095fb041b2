package org.glancej.store.s3;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Filled buffers as a request body, handed to the HTTP client in slices as it asks for them, without copying
 * (the JDK's {@code ofByteArray} copies a whole array up front). Each subscription starts from the beginning,
 * as a retried request must.
 */
final class BuffersPublisher implements Flow.Publisher<ByteBuffer> {
    private static final int SLICE = 256 << 10;

    private final List<ByteBuffer> buffers;
    private final UploadProgress progress;

    private BuffersPublisher(List<ByteBuffer> buffers, UploadProgress progress) {
        this.buffers = buffers;
        this.progress = progress;
    }

    /** A body of the buffers' contents (each from 0 to its position), noting each slice taken in {@code progress}. */
    static BodyPublisher body(List<ByteBuffer> buffers, long length, UploadProgress progress) {
        return length == 0 ? BodyPublishers.noBody()
                : BodyPublishers.fromPublisher(new BuffersPublisher(buffers, progress), length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Slices(subscriber));
    }

    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean emitting;
        private boolean done;
        private int buffer;
        private int offset;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (n <= 0) {
                    done = true;
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    if (emitting) {
                        return; // the loop below, further up the stack, serves it
                    }
                    emitting = true;
                }
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("non-positive request"));
                return;
            }
            while (true) {
                ByteBuffer slice;
                synchronized (this) {
                    if (done || demand == 0) {
                        emitting = false;
                        return;
                    }
                    slice = nextSlice();
                    if (slice == null) {
                        done = true;
                        emitting = false;
                    } else {
                        demand--;
                    }
                }
                if (slice == null) {
                    subscriber.onComplete();
                    return;
                }
                progress.moved();
                subscriber.onNext(slice);
            }
        }

        private ByteBuffer nextSlice() {
            while (buffer < buffers.size()) {
                ByteBuffer current = buffers.get(buffer);
                int end = current.position();
                if (offset < end) {
                    int length = Math.min(SLICE, end - offset);
                    ByteBuffer slice = current.slice(offset, length).asReadOnlyBuffer();
                    offset += length;
                    return slice;
                }
                buffer++;
                offset = 0;
            }
            return null;
        }

        @Override
        public synchronized void cancel() {
            done = true;
        }
    }
}
