package org.glancej.store.rbd;

import org.glancej.store.ImageStore;
import org.glancej.store.ImageStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
