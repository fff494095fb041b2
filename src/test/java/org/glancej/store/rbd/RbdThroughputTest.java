package org.glancej.store.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.store.ImageStore.StoredData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB image through the store next to {@code rbd import} and {@code rbd export} of the same bytes in the same
 * run; only with GLANCE_TEST_RBD_THROUGHPUT=1 (it takes a minute and 2 GiB of the cluster). Downloads must reach
 * 0.8x {@code rbd export}.
 */
class RbdThroughputTest {
    private static final int MIB = 1 << 20;
    private static final long SIZE = 1024L * MIB;

    @Test
    void oneGibUploadAndDownloadNextToTheRbdTool(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv("GLANCE_TEST_RBD_THROUGHPUT")),
                "set GLANCE_TEST_RBD_THROUGHPUT=1 to measure");
        CephTestCluster ceph = CephTestCluster.require();
        byte[] pattern = new byte[8 * MIB];
        new Random(1).nextBytes(pattern);
        Path file = dir.resolve("image");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long n = 0; n < SIZE; n += pattern.length) {
                out.write(pattern);
            }
        }
        String id = UUID.randomUUID().toString();
        String toolImage = ceph.pool() + "/" + id + "-tool";
        try (RbdStore store = new RbdStore(ceph.config(8, false))) {
            store.uploadLocation(id); // connect outside the measurement
            // the tool first: whatever warms the cluster up favours the store, not the tool
            long start = System.nanoTime();
            ceph.rbd("import", "--no-progress", file.toString(), toolImage);
            double imported = seconds(start);
            start = System.nanoTime();
            StoredData stored;
            try (InputStream in = Files.newInputStream(file)) {
                stored = store.add(id, in, OptionalLong.of(SIZE));
            }
            double add = seconds(start);
            start = System.nanoTime();
            long read;
            try (InputStream in = store.get(stored.locationUrl(), 0)) {
                read = in.transferTo(OutputStream.nullOutputStream());
            }
            double get = seconds(start);
            start = System.nanoTime();
            // the tool writes to its standard output, which the test throws away
            ceph.rbdDiscardingOutput("export", "--no-progress", ceph.pool() + "/" + id + "@snap", "-");
            double exported = seconds(start);

            System.out.printf("rbd store, 1 GiB: add %.0f MiB/s (rbd import %.0f MiB/s, %.2fx), get %.0f MiB/s"
                    + " (rbd export %.0f MiB/s, %.2fx)%n", 1024 / add, 1024 / imported, imported / add, 1024 / get,
                    1024 / exported, exported / get);
            assertThat(read).isEqualTo(SIZE);
            assertThat(exported / get).isGreaterThanOrEqualTo(0.8);
        } finally {
            ceph.purge(id);
            ceph.purge(id + "-tool");
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
