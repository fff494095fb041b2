package org.glancej.store.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glancej.store.RecordingStore;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.ImageStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against the real Ceph cluster, as client.glance on the images pool. */
class RbdStoreTest extends ImageStoreContractTest {
    private static CephTestCluster ceph;
    private static RecordingStore store;

    @BeforeAll
    static void connect() {
        ceph = CephTestCluster.require();
        store = new RecordingStore(new RbdStore(ceph.config(8, false)));
    }

    @AfterAll
    static void cleanUp() {
        if (store != null) {
            store.close();
            store.ids().forEach(ceph::purge);
        }
    }

    @Override
    protected ImageStore store() {
        return store;
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        return ceph.imageExists(imageId);
    }

    /** Every binding refuses a virtual thread, so requests on virtual threads that succeed made no native call. */
    @Test
    void requestsOnVirtualThreadsLeaveNativeCallsToThePool() throws Exception {
        byte[] data = bytes(9 * 1024 * 1024 + 1);
        String id = UUID.randomUUID().toString();

        byte[] read = onVirtualThread(() -> {
            StoredData stored = store.add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));
            assertThat(store.size(stored.locationUrl())).isEqualTo(data.length);
            byte[] back;
            try (InputStream in = store.get(stored.locationUrl(), 0)) {
                back = in.readAllBytes();
            }
            store.delete(stored.locationUrl());
            return back;
        });

        assertThat(read).isEqualTo(data);
        assertThat(ceph.imageExists(id)).isFalse();
        assertThatThrownBy(() -> onVirtualThread(() -> RbdImage.remove(MemorySegment.NULL, id)))
                .hasRootCauseInstanceOf(IllegalStateException.class).rootCause().hasMessageContaining("virtual thread");
    }

    private static <T> T onVirtualThread(Callable<T> task) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return executor.submit(task).get();
        }
    }
}
