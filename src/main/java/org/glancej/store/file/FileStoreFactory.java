package org.glancej.store.file;

import java.nio.file.Path;
import org.glancej.config.ConfigException;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;
import org.glancej.store.StoresConfig;

/** A file store from {@code filesystem_store_datadir}. */
public final class FileStoreFactory implements StoreFactory {

    @Override
    public ImageStore create(StoreSection options) {
        return new FileStore(datadir(options));
    }

    /** The directory a file store's options name; the reserved stores default to their own. */
    public static Path datadir(StoreSection options) {
        if (!options.list("filesystem_store_datadirs", java.util.List.of()).isEmpty()) {
            // several weighted directories would change where data goes: refuse rather than ignore
            throw new ConfigException("[" + options.sectionOf("filesystem_store_datadirs")
                    + "] filesystem_store_datadirs is not available in this service; use filesystem_store_datadir");
        }
        String fallback = options.storeId().startsWith("os_glance_")
                ? StoresConfig.reservedDefaultDatadir(options.storeId()) : StoresConfig.DEFAULT_DATADIR;
        String datadir = options.string("filesystem_store_datadir", fallback).strip();
        if (datadir.isEmpty()) {
            throw new ConfigException("invalid value for [" + options.sectionOf("filesystem_store_datadir")
                    + "] filesystem_store_datadir = : must not be empty");
        }
        return Path.of(datadir);
    }
}
