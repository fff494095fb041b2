package org.glancej.store.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store when the cluster cannot take the data or cannot be reached. */
class RbdStoreFaultsTest {
    private static final int MIB = 1 << 20;
    private static CephTestCluster ceph;

    @BeforeAll
    static void cluster() {
        ceph = CephTestCluster.require();
    }

    /**
     * A pool reaching its quota in the middle of an upload. The quota is set on a pool of the test's own, so that
     * other users of the shared cluster never meet a full {@code images} pool; the pool is deleted afterwards.
     */
    @Test
    void poolReachingItsQuotaMidUploadIsStorageFullAndLeavesNothing() {
        String pool = "glancej-quota-" + UUID.randomUUID().toString().substring(0, 8);
        ceph.ceph("osd", "pool", "create", pool, "8", "8");
        try {
            ceph.rbd("pool", "init", pool);
            String id = UUID.randomUUID().toString();
            try (RbdStore store = new RbdStore(new RbdStoreConfig(pool, "admin", ceph.conf(), 1, 30, false))) {
                InputStream fillsThePool = new SequenceInputStream(new ByteArrayInputStream(bytes(4 * MIB)),
                        new InputStream() {
                            private final ByteArrayInputStream rest = new ByteArrayInputStream(bytes(8 * MIB));
                            private boolean full;

                            @Override
                            public int read() {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public int read(byte[] b, int off, int len) {
                                if (!full) {
                                    ceph.ceph("osd", "pool", "set-quota", pool, "max_bytes", "1");
                                    awaitQuota(pool, true);
                                    full = true;
                                }
                                return rest.read(b, off, len);
                            }
                        });

                assertThatThrownBy(() -> store.add(id, fillsThePool)).isInstanceOfSatisfying(StoreException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(StoreException.Reason.STORAGE_FULL);
                            assertThat(e.getMessage()).contains("not enough disk space");
                        });

                // librbd cannot remove an image from a pool at its quota (it moves it to the trash first, a
                // write): the caller records the upload's location and removes it once the pool has room
                ceph.ceph("osd", "pool", "set-quota", pool, "max_bytes", "0");
                awaitQuota(pool, false);
                store.delete(store.uploadLocation(id).orElseThrow());
            }
            assertThat(ceph.rbd("ls", pool).lines().anyMatch(id::equals)).isFalse();
            // nothing but the pool's own RBD metadata objects is left
            assertThat(ceph.run("rados", "-p", pool, "ls").lines().filter(o -> o.startsWith("rbd_data.")
                    || o.contains(id))).isEmpty();
        } finally {
            ceph.ceph("osd", "pool", "delete", pool, pool, "--yes-i-really-really-mean-it");
        }
    }

    @Test
    void wrongMonitorAddressIsUnavailableWithinTheConnectTimeout(@TempDir Path dir) throws IOException {
        Path keyring = Path.of(ceph.keyring());
        String cephxKey = Files.readAllLines(keyring).stream().filter(l -> l.strip().startsWith("key"))
                .map(l -> l.substring(l.indexOf('=') + 1).strip()).findFirst().orElseThrow();
        Path conf = dir.resolve("ceph.conf");
        // nothing listens on port 9 of loopback
        Files.writeString(conf, "[global]\nmon host = 127.0.0.1:9\nkeyring = " + keyring + "\n");
        try (RbdStore store = new RbdStore(new RbdStoreConfig("images", ceph.user(), conf.toString(), 8, 3, false))) {
            Instant start = Instant.now();

            assertThatThrownBy(() -> store.add(UUID.randomUUID().toString(), InputStream.nullInputStream()))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("RBD store").contains("connecting")
                                .doesNotContain(cephxKey);
                    });

            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3 + 5));
            // the next use tries again rather than remembering the failure
            assertThatThrownBy(() -> store.size("rbd://x")).isInstanceOf(StoreException.class);
        }
    }

    private static void awaitQuota(String pool, boolean full) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (ceph.ceph("osd", "pool", "ls", "detail").lines()
                .anyMatch(line -> line.contains("'" + pool + "'") && line.contains("full_quota")) != full) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("pool " + pool + (full ? " never reached" : " stayed at") + " its quota");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }
}
