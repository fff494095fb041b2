package org.glancej.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferRelayTest {

    private static List<ByteBuffer> buffers(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> ByteBuffer.allocate(4)).toList();
    }

    @Test
    void everyBufferReachesTheStageInOrder() throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        BufferRelay relay = new BufferRelay("test", buffers(2),
                b -> seen.write(b.array(), b.position(), b.remaining()));
        for (int i = 0; i < 100; i++) {
            ByteBuffer b = relay.acquire();
            b.put((byte) i).put((byte) (i + 1));
            relay.submit(b);
        }
        relay.finish();

        byte[] out = seen.toByteArray();
        assertThat(out).hasSize(200);
        assertThat(out[198]).isEqualTo((byte) 99);
    }

    @Test
    void aFailingStageStopsTheProducerWithTheStagesException() throws IOException {
        IOException diskFull = new IOException("No space left on device");
        AtomicInteger calls = new AtomicInteger();
        BufferRelay relay = new BufferRelay("test", buffers(2), b -> {
            if (calls.incrementAndGet() == 3) {
                throw diskFull;
            }
        });

        assertThatThrownBy(() -> {
            while (true) {
                relay.submit(relay.acquire().put((byte) 1));
            }
        }).isSameAs(diskFull);
        assertThatThrownBy(relay::finish).isSameAs(diskFull);
        relay.abandon();
    }

    @Test
    void abandonStopsAStageThatWouldNeverFinish() throws IOException {
        BufferRelay relay = new BufferRelay("test", buffers(1), b -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        });
        relay.submit(relay.acquire().put((byte) 1));
        long start = System.nanoTime();
        relay.abandon();
        relay.abandon();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
