package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The logic around parts: how big they are, how buffers are shared, and how they are sent. */
class PartedUploadTest {
    private static final int MIB = 1 << 20;

    private static PartedUpload upload(OptionalLong size, int buffers) {
        return new PartedUpload(new S3Client(S3StoreConfigTest.config(), null), "key",
                new PartBuffers(buffers, 10 * MIB), size);
    }

    @Test
    void partsAreOneBufferUnlessTheAnnouncedSizeNeedsMoreThanTenThousand() {
        assertThat(upload(OptionalLong.of(5L << 30), 10).buffersPerPart(1)).isEqualTo(1);
        assertThat(upload(OptionalLong.of(10_000L * 10 * MIB), 10).buffersPerPart(1)).isEqualTo(1);
        assertThat(upload(OptionalLong.of(10_000L * 10 * MIB + 1), 10).buffersPerPart(1)).isEqualTo(2);
        assertThat(upload(OptionalLong.of(1L << 50), 10).buffersPerPart(1)).isEqualTo(10); // never over the pool
    }

    @Test
    void partsOfAnUnknownSizeGrowEveryThousandSoTenThousandPartsHoldOverHalfATebibyte() {
        PartedUpload unknown = upload(OptionalLong.empty(), 10);
        assertThat(unknown.buffersPerPart(1)).isEqualTo(1);
        assertThat(unknown.buffersPerPart(1000)).isEqualTo(1);
        assertThat(unknown.buffersPerPart(1001)).isEqualTo(2);
        assertThat(unknown.buffersPerPart(10_000)).isEqualTo(10);
        long total = 0;
        for (int part = 1; part <= PartedUpload.MAX_PARTS; part++) {
            total += (long) unknown.buffersPerPart(part) * 10 * MIB;
        }
        assertThat(total).isGreaterThan(512L << 30);
        assertThat(upload(OptionalLong.empty(), 1).buffersPerPart(5000)).isEqualTo(1);
    }

    @Test
    void buffersAreSharedAndAPartTakesAllOfItsBuffersAtOnce() throws Exception {
        PartBuffers buffers = new PartBuffers(3, 1024);
        List<ByteBuffer> one = buffers.take(1);
        List<ByteBuffer> two = buffers.take(2);
        CompletableFuture<List<ByteBuffer>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffers.take(2);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        buffers.give(one, true);
        Thread.sleep(200);
        assertThat(waiting).isNotDone(); // one free buffer is not enough for a part of two
        buffers.give(two, true);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).hasSize(2).allSatisfy(b -> assertThat(b.isDirect()).isTrue());
    }

    @Test
    void buffersGoOutAsSlicesInOrderAndAgainForAnotherSubscriber() {
        ByteBuffer first = ByteBuffer.allocateDirect(600_000);
        ByteBuffer second = ByteBuffer.allocateDirect(600_000);
        byte[] data = new byte[900_000];
        new java.util.Random(7).nextBytes(data);
        first.put(data, 0, 600_000);
        second.put(data, 600_000, 300_000);
        var body = BuffersPublisher.body(List.of(first, second), data.length, new UploadProgress());
        assertThat(body.contentLength()).isEqualTo(data.length);

        for (int round = 0; round < 2; round++) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            CompletableFuture<Void> done = new CompletableFuture<>();
            body.subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    byte[] bytes = new byte[item.remaining()];
                    item.get(bytes);
                    received.writeBytes(bytes);
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable failure) {
                    done.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            assertThat(done).succeedsWithin(Duration.ofSeconds(5));
            assertThat(received.toByteArray()).isEqualTo(data);
        }
    }
}
