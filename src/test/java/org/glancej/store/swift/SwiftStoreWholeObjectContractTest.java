package org.glancej.store.swift;

/** The store contract with every announced image below the large-object size: one streamed PUT each. */
class SwiftStoreWholeObjectContractTest extends SwiftStoreContractTest {
    @Override
    protected long largeObjectSize() {
        return 64 * SwiftTestServer.MIB;
    }
}
