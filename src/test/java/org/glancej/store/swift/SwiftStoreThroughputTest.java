package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.store.ImageStore.StoredData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Add (size announced: one PUT below the default 5120 "MB" threshold; unknown: segments of 200 "MB") and get of a
 * large image with the default options, against the Swift of {@code scripts/swift.sh}; runs only with
 * {@code GLANCE_SWIFT_BENCH_MIB} set (e.g. 1024), as it takes the shared machine for a while.
 */
class SwiftStoreThroughputTest {

    /** For a run in a JVM of its own, e.g. with -Xmx256m as the service's benchmarks use. */
    public static void main(String[] args) throws Exception {
        new SwiftStoreThroughputTest().addAndGetThroughput();
    }

    @Test
    void addAndGetThroughput() throws Exception {
        String mib = System.getenv("GLANCE_SWIFT_BENCH_MIB");
        Assumptions.assumeTrue(mib != null && !mib.isBlank(), "GLANCE_SWIFT_BENCH_MIB not set");
        long size = Long.parseLong(mib.strip()) << 20;
        SwiftTestServer server = SwiftTestServer.require();
        SwiftStore store = (SwiftStore) new SwiftStoreFactory().create(server.section(""));
        for (OptionalLong announced : new OptionalLong[] {OptionalLong.of(size), OptionalLong.empty()}) {
            String id = UUID.randomUUID().toString();
            long start = System.nanoTime();
            StoredData stored = store.add(id, new GeneratedData(size), announced);
            report("add, size " + (announced.isPresent() ? "announced" : "unknown"), size, start);
            assertThat(stored.bytesWritten()).isEqualTo(size);
            try {
                start = System.nanoTime();
                long read = 0;
                byte[] buffer = new byte[256 << 10];
                try (InputStream in = store.get(stored.locationUrl(), 0)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        read += n;
                    }
                }
                report("get", size, start);
                assertThat(read).isEqualTo(size);
            } finally {
                store.delete(stored.locationUrl());
            }
        }
    }

    private static void report(String what, long size, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("Swift %s of %d MiB: %.1f s, %.0f MiB/s (heap in use %d MiB)%n", what, size >> 20, seconds,
                (size >> 20) / seconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** Incompressible-looking bytes without the cost of a random generator per byte. */
    private static final class GeneratedData extends InputStream {
        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new Random(42).nextBytes(BLOCK);
        }

        private final long size;
        private long served;

        GeneratedData(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return served < size ? BLOCK[(int) (served++ % BLOCK.length)] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int at = (int) (served % BLOCK.length);
            int n = (int) Math.min(Math.min(len, BLOCK.length - at), size - served);
            System.arraycopy(BLOCK, at, b, off, n);
            served += n;
            return n;
        }
    }
}
