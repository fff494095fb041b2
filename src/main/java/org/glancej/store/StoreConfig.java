package org.glancej.store;

import java.nio.file.Path;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/** The legacy single-store options of {@code [glance_store]}. */
public record StoreConfig(List<String> stores, String defaultStore, Path filesystemDatadir) {

    /** Our embedded default keeps data beside the database under ./data instead of /var/lib/glance. */
    public static final String DEFAULT_DATADIR = "data/images";

    public StoreConfig {
        stores = List.copyOf(stores);
    }

    public static StoreConfig from(ConfigFile conf) {
        List<String> stores = conf.list("glance_store", "stores", List.of("file", "http"));
        String defaultStore = conf.string("glance_store", "default_store", "file").strip();
        if (!defaultStore.equals("file")) {
            throw new ConfigException("invalid value for [glance_store] default_store = " + defaultStore
                    + ": only the file store is available");
        }
        String datadir = conf.string("glance_store", "filesystem_store_datadir", DEFAULT_DATADIR).strip();
        if (datadir.isEmpty()) {
            throw new ConfigException("invalid value for [glance_store] filesystem_store_datadir = : must not be empty");
        }
        return new StoreConfig(stores, defaultStore, Path.of(datadir));
    }
}
