package org.glancej.app;

import java.util.Map;
import org.glancej.store.StoreFactory;
import org.glancej.store.file.FileStoreFactory;
import org.glancej.store.http.HttpStoreFactory;
import org.glancej.store.rbd.RbdStoreFactory;
import org.glancej.store.s3.S3StoreFactory;
import org.glancej.store.swift.SwiftStoreFactory;
import org.glancej.store.vmware.VmwareStoreFactory;

/** The store types this service can build, by the name upstream's configuration uses. */
public final class StoreTypes {
    private StoreTypes() {}

    public static Map<String, StoreFactory> available() {
        return Map.of("file", new FileStoreFactory(), "http", new HttpStoreFactory(), "rbd", new RbdStoreFactory(),
                "s3", new S3StoreFactory(), "swift", new SwiftStoreFactory(), "vmware", new VmwareStoreFactory());
    }
}
