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
 * The store contract with auth version 3: tokens from the real Keystone of {@code scripts/keystone.sh}, data in
 * the Swift proxy that validates them ({@code GLANCE_SWIFT_KEYSTONE=1 scripts/swift.sh start}); large objects from
 * 1 MiB.
 */
class SwiftKeystoneStoreContractTest extends ImageStoreContractTest {
    private SwiftTestServer server;
    private SwiftStore store;
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void connect() {
        server = SwiftTestServer.requireKeystone();
        store = server.store(SwiftTestServer.MIB, SwiftTestServer.MIB);
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
            return !server.objects(imageId).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
