package org.glancej.store.swift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glancej.keystone.KeystoneToken;
import org.glancej.keystone.RealKeystone;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.RecordingStore;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract in multi-tenant mode: every call on behalf of the demo user of the real Keystone
 * ({@code scripts/keystone.sh}), whose data goes to its own project account behind the Keystone proxy of
 * {@code GLANCE_SWIFT_KEYSTONE=1 scripts/swift.sh start}, found in the user's catalog; large objects from 1 MiB,
 * through a trust.
 */
class SwiftMultiTenantContractTest extends ImageStoreContractTest {
    private KeystoneToken user;
    private MultiTenantSwiftStore store;
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void connect() throws Exception {
        SwiftTestServer server = SwiftTestServer.requireKeystone();
        user = RealKeystone.require().demoAuthenticated();
        store = MultiTenantSwift.store(server, "", SwiftTestServer.MIB, SwiftTestServer.MIB);
    }

    @AfterEach
    void cleanUp() {
        if (store != null) {
            String storage = MultiTenantSwift.storageUrl(user).replaceFirst("^http://", "");
            for (String id : written) {
                try {
                    store.delete("swift+http://" + storage + "/" + MultiTenantSwift.CONTAINER + "_" + id + "/" + id,
                            MultiTenantSwift.caller(user));
                } catch (StoreException e) {
                    // gone already
                }
            }
        }
    }

    @Override
    protected ImageStore store() {
        return new RecordingStore(new CallerBoundStore(store, MultiTenantSwift.caller(user)), written);
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        try {
            return !MultiTenantSwift.objects(user, imageId).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
