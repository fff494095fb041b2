package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.store.ImageStore.StoredData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Add (size announced and not) and get of a large image with the default options, against radosgw; runs only
 * with {@code GLANCE_S3_BENCH_MIB} set (e.g. 1024), as it takes the shared cluster for a while.
 */
class S3StoreThroughputTest {

    /** For a run in a JVM of its own, e.g. with -Xmx256m as the service's benchmarks use. */
    public static void main(String[] args) throws Exception {
        if (System.getenv("GLANCE_S3_BENCH_PARALLEL") != null) {
            new S3StoreThroughputTest().concurrentAddThroughput();
        } else {
            new S3StoreThroughputTest().addAndGetThroughput();
        }
    }

    @Test
    void addAndGetThroughput() throws Exception {
        String mib = System.getenv("GLANCE_S3_BENCH_MIB");
        Assumptions.assumeTrue(mib != null && !mib.isBlank(), "GLANCE_S3_BENCH_MIB not set");
        long size = Long.parseLong(mib.strip()) << 20;
        S3TestServer server = S3TestServer.require();
        try (S3Store store = S3StoreFactory.create(S3StoreConfig.from(server.options("")))) {
            for (OptionalLong announced : new OptionalLong[] {OptionalLong.of(size), OptionalLong.empty()}) {
                String id = UUID.randomUUID().toString();
                long start = System.nanoTime();
                StoredData stored = store.add(id, new GeneratedData(size), announced);
                report("add, size " + (announced.isPresent() ? "announced" : "unknown"), size, start);
                assertThat(stored.bytesWritten()).isEqualTo(size);
                try {
                    int gets = Integer.parseInt(System.getenv().getOrDefault("GLANCE_S3_BENCH_GETS", "1"));
                    for (int i = 0; i < gets; i++) {
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
                    }
                } finally {
                    store.delete(stored.locationUrl());
                    // radosgw frees deleted data only after rgw_gc_obj_min_wait (2 h): a few runs would fill a
                    // small test cluster
                    server.radosgwAdmin("gc", "process", "--include-all");
                }
            }
        }
    }

    /** With {@code GLANCE_S3_BENCH_PARALLEL=n}: n adds of the size at once (unknown size), aggregate rate. */
    @Test
    void concurrentAddThroughput() throws Exception {
        String mib = System.getenv("GLANCE_S3_BENCH_MIB");
        String parallel = System.getenv("GLANCE_S3_BENCH_PARALLEL");
        Assumptions.assumeTrue(mib != null && parallel != null, "GLANCE_S3_BENCH_MIB/PARALLEL not set");
        long size = Long.parseLong(mib.strip()) << 20;
        int n = Integer.parseInt(parallel.strip());
        S3TestServer server = S3TestServer.require();
        try (S3Store store = S3StoreFactory.create(S3StoreConfig.from(server.options("")));
                var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            var adds = new java.util.ArrayList<java.util.concurrent.Future<StoredData>>();
            for (int i = 0; i < n; i++) {
                adds.add(pool.submit(() -> store.add(UUID.randomUUID().toString(), new GeneratedData(size))));
            }
            var stored = new java.util.ArrayList<StoredData>();
            for (var add : adds) {
                stored.add(add.get());
            }
            report(n + " concurrent adds, size unknown, aggregate", n * size, start);
            for (StoredData data : stored) {
                assertThat(data.bytesWritten()).isEqualTo(size);
                store.delete(data.locationUrl());
            }
            server.radosgwAdmin("gc", "process", "--include-all");
        }
    }

    private static void report(String what, long size, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("S3 %s of %d MiB: %.1f s, %.0f MiB/s (heap in use %d MiB)%n", what, size >> 20, seconds,
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
