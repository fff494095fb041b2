package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.StoreThroughput;
import org.glancej.store.StoreThroughput.GeneratedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Add (size announced and not) and get of a large image with the default options, against radosgw; runs only
 * with {@code GLANCE_S3_BENCH_MIB} set (e.g. 1024), as it takes the shared cluster for a while.
 */
class S3StoreThroughputTest {
    private static final StoreThroughput THROUGHPUT = new StoreThroughput("S3");

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
        long size = StoreThroughput.sizeFrom("GLANCE_S3_BENCH_MIB");
        S3TestServer server = S3TestServer.require();
        int gets = Integer.parseInt(System.getenv().getOrDefault("GLANCE_S3_BENCH_GETS", "1"));
        try (S3Store store = S3StoreFactory.create(S3StoreConfig.from(server.options("")))) {
            // radosgw frees deleted data only after rgw_gc_obj_min_wait (2 h): a few runs would fill a small cluster
            THROUGHPUT.addAndGet(store, size, gets, () -> server.radosgwAdmin("gc", "process", "--include-all"));
        }
    }

    /** With {@code GLANCE_S3_BENCH_PARALLEL=n}: n adds of the size at once (unknown size), aggregate rate. */
    @Test
    void concurrentAddThroughput() throws Exception {
        String parallel = System.getenv("GLANCE_S3_BENCH_PARALLEL");
        Assumptions.assumeTrue(parallel != null, "GLANCE_S3_BENCH_PARALLEL not set");
        long size = StoreThroughput.sizeFrom("GLANCE_S3_BENCH_MIB");
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
            THROUGHPUT.report(n + " concurrent adds, size unknown, aggregate", n * size, start);
            for (StoredData data : stored) {
                assertThat(data.bytesWritten()).isEqualTo(size);
                store.delete(data.locationUrl());
            }
            server.radosgwAdmin("gc", "process", "--include-all");
        }
    }
}
