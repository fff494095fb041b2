package org.glancej.store.swift;

import org.glancej.store.StoreThroughput;
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
        long size = StoreThroughput.sizeFrom("GLANCE_SWIFT_BENCH_MIB");
        SwiftTestServer server = SwiftTestServer.require();
        SwiftStore store = (SwiftStore) new SwiftStoreFactory().create(server.section(""));
        new StoreThroughput("Swift").addAndGet(store, size, 1, () -> {});
    }
}
