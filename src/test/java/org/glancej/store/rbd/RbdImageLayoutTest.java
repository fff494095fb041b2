package org.glancej.store.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.store.RecordingStore;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the store leaves in the pool, seen through the {@code rbd} tool: upstream's layout, which Nova and Cinder
 * clone and upstream nodes read; and how clones hold an image.
 */
class RbdImageLayoutTest {
    private static final int MIB = 1 << 20;
    private static CephTestCluster ceph;
    private static RecordingStore store;
    private static RecordingStore thinStore;
    private static RecordingStore smallChunkStore;

    @BeforeAll
    static void connect() {
        ceph = CephTestCluster.require();
        store = new RecordingStore(new RbdStore(ceph.config(4, false)));
        thinStore = new RecordingStore(new RbdStore(ceph.config(1, true)));
        smallChunkStore = new RecordingStore(new RbdStore(ceph.config(1, false)));
    }

    @AfterAll
    static void cleanUp() {
        for (RecordingStore s : new RecordingStore[] {store, thinStore, smallChunkStore}) {
            if (s != null) {
                s.close();
                s.ids().forEach(ceph::purge);
            }
        }
    }

    @Test
    void imageIsNamedByIdWithLayeringObjectsOfTheChunkSizeAndAProtectedSnapshot() {
        String id = UUID.randomUUID().toString();
        byte[] data = bytes(5 * MIB + 3);

        StoredData stored = store.add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));

        assertThat(stored.locationUrl()).isEqualTo("rbd://" + ceph.fsid() + "/" + ceph.pool() + "/" + id + "/snap");
        String info = ceph.rbd("info", "--format", "json", ceph.pool() + "/" + id);
        assertThat(info).contains("\"size\":" + data.length + ",").contains("\"order\":22,")
                .contains("\"object_size\":4194304,").contains("\"layering\"");
        String snaps = ceph.rbd("snap", "ls", "--format", "json", ceph.pool() + "/" + id);
        assertThat(snaps).contains("\"name\":\"snap\"").contains("\"protected\":\"true\"")
                .contains("\"size\":" + data.length + ",");
    }

    @Test
    void uploadOfUnknownSizeGrowsAndEndsAtItsExactSize() throws IOException {
        String id = UUID.randomUUID().toString();
        // growth steps of 2, 4 and 8 MiB with 1 MiB chunks, ending inside an object
        byte[] data = bytes(13 * MIB + 4097);

        StoredData stored = smallChunkStore.add(id, new ByteArrayInputStream(data));

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        assertThat(ceph.rbd("info", "--format", "json", ceph.pool() + "/" + id)).contains("\"size\":" + data.length + ",");
        assertThat(smallChunkStore.size(stored.locationUrl())).isEqualTo(data.length);
        try (InputStream in = smallChunkStore.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void dataLongerOrShorterThanAnnouncedIsStoredExactly() throws IOException {
        for (long announced : new long[] {3 * MIB, 9 * MIB}) {
            String id = UUID.randomUUID().toString();
            byte[] data = bytes(6 * MIB + 1);

            StoredData stored = store.add(id, new ByteArrayInputStream(data), OptionalLong.of(announced));

            assertThat(store.size(stored.locationUrl())).isEqualTo(data.length);
            try (InputStream in = store.get(stored.locationUrl(), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void cloneMakesDeleteInUseAndTheImageStaysReadableUntilTheCloneGoes() throws IOException {
        String id = UUID.randomUUID().toString();
        byte[] data = bytes(2 * MIB + 7);
        StoredData stored = store.add(id, new ByteArrayInputStream(data));
        String clone = ceph.pool() + "/" + id + "-clone";
        // what Nova does to boot from the image
        ceph.rbd("clone", ceph.pool() + "/" + id + "@snap", clone);
        try {
            assertThatThrownBy(() -> store.checkRemovable(stored.locationUrl()))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.IN_USE));
            assertThatThrownBy(() -> store.delete(stored.locationUrl())).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.IN_USE));

            assertThat(ceph.rbd("snap", "ls", "--format", "json", ceph.pool() + "/" + id))
                    .contains("\"name\":\"snap\"").contains("\"protected\":\"true\"");
            try (InputStream in = store.get(stored.locationUrl(), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        } finally {
            ceph.rbd("rm", "--no-progress", clone);
        }

        store.checkRemovable(stored.locationUrl());
        store.delete(stored.locationUrl());

        assertThat(ceph.imageExists(id)).isFalse();
    }

    @Test
    void thinProvisioningSkipsAllZeroChunks() throws IOException {
        String id = UUID.randomUUID().toString();
        byte[] data = new byte[12 * MIB];
        System.arraycopy(bytes(MIB), 0, data, 5 * MIB, MIB);

        StoredData stored = thinStore.add(id, new ByteArrayInputStream(data));

        // one of twelve 1 MiB objects holds data; the zero chunks were never written
        String du = ceph.rbd("du", "--format", "json", ceph.pool() + "/" + id + "@snap");
        assertThat(du).contains("\"used_size\":" + MIB + "}");
        try (InputStream in = thinStore.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void withoutThinProvisioningZeroChunksAreWritten() {
        String id = UUID.randomUUID().toString();
        byte[] data = new byte[12 * MIB];

        store.add(id, new ByteArrayInputStream(data));

        String du = ceph.rbd("du", "--format", "json", ceph.pool() + "/" + id + "@snap");
        assertThat(du).contains("\"used_size\":" + 12 * MIB + "}");
    }

    @Test
    void ownsItsClusterAndPoolAndUpstreamsLegacyForm() {
        String id = UUID.randomUUID().toString();
        assertThat(store.owns("rbd://" + ceph.fsid() + "/" + ceph.pool() + "/" + id + "/snap")).isTrue();
        assertThat(store.owns("rbd://" + id)).isTrue();
        assertThat(store.owns("rbd://" + UUID.randomUUID() + "/" + ceph.pool() + "/" + id + "/snap")).isFalse();
        assertThat(store.owns("rbd://" + ceph.fsid() + "/volumes/" + id + "/snap")).isFalse();
        assertThat(store.owns("rbd://" + ceph.fsid() + "/" + ceph.pool() + "/" + id)).isFalse();
        assertThat(store.properties()).containsEntry("pool", ceph.pool()).containsEntry("chunk_size", 4L * MIB)
                .containsEntry("thin_provisioning", false).containsEntry("fsid", ceph.fsid());
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }
}
