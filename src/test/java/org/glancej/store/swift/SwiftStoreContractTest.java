package org.glancej.store.swift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.RecordingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract against the real Swift of {@code scripts/swift.sh}, with large objects from 1 MiB in
 * segments of 1 MiB, so that most data (all of unknown size, announced data from 1 MiB) goes up as segments
 * and a manifest.
 */
class SwiftStoreContractTest extends ImageStoreContractTest {
    private SwiftTestServer server;
    private SwiftStore store;
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void connect() {
        server = SwiftTestServer.require();
        store = server.store(largeObjectSize(), SwiftTestServer.MIB);
    }

    @AfterEach
    void cleanUp() {
        if (store != null) {
            for (String id : written) {
                store.delete(store.uploadLocation(id).orElseThrow());
            }
        }
    }

    @Override
    protected ImageStore store() {
        return new RecordingStore(store, written);
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        try {
            return !server.objects(imageId).isEmpty(); // the object, its manifest or any segment
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Where large objects start; the subclass of whole objects raises it. */
    protected long largeObjectSize() {
        return SwiftTestServer.MIB;
    }
}
