package org.glancej.store;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured store, built once at startup: which one takes data by default, which one serves a
 * location, and the reserved stores import uses. Locations name their store in their metadata
 * ({@code {"store": id}}) in the multi-store form, as upstream writes them; a location without that (legacy
 * rows, upstream's single-store nodes) is served by the store that owns its URL.
 */
public final class StoreRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRegistry.class);

    private final boolean multiStore;
    private final List<ConfiguredStore> stores;
    private final List<ConfiguredStore> heaviestFirst;
    private final ConfiguredStore defaultStore;
    private final Map<String, ConfiguredStore> reserved;

    private StoreRegistry(boolean multiStore, List<ConfiguredStore> stores, ConfiguredStore defaultStore,
            Map<String, ConfiguredStore> reserved) {
        this.multiStore = multiStore;
        this.stores = List.copyOf(stores);
        this.heaviestFirst = stores.stream().sorted(Comparator.comparingLong(ConfiguredStore::weight).reversed())
                .toList();
        this.defaultStore = requireNonNull(defaultStore, "defaultStore is null");
        this.reserved = Map.copyOf(reserved);
    }

    /** Builds each configured store; if one cannot be built, those already built are closed. */
    public static StoreRegistry create(StoresConfig config, Map<String, StoreFactory> factories) {
        List<ConfiguredStore> built = new ArrayList<>();
        Map<String, ConfiguredStore> reserved = new LinkedHashMap<>();
        try {
            for (StoresConfig.Backend backend : config.backends()) {
                built.add(build(backend, factories));
            }
            for (StoresConfig.Backend backend : config.reserved()) {
                reserved.put(backend.id(), build(backend, factories));
            }
        } catch (RuntimeException e) {
            closeAll(built);
            closeAll(new ArrayList<>(reserved.values()));
            throw e;
        }
        ConfiguredStore defaultStore = built.stream().filter(s -> s.id().equals(config.defaultId())).findFirst()
                .orElseThrow();
        if (defaultStore.readOnly()) {
            closeAll(built);
            closeAll(new ArrayList<>(reserved.values()));
            throw new ConfigException("the default store '" + defaultStore.id() + "' is of type "
                    + defaultStore.type() + ", which is read-only: uploads would have nowhere to go");
        }
        return new StoreRegistry(config.multiStore(), built, defaultStore, reserved);
    }

    /** A registry of given stores, the first being the default; for tests and tools. */
    public static StoreRegistry of(boolean multiStore, List<ConfiguredStore> stores) {
        return new StoreRegistry(multiStore, stores, stores.getFirst(), Map.of());
    }

    /** The legacy form with one store, named by its type. */
    public static StoreRegistry single(ImageStore store) {
        return of(false, List.of(new ConfiguredStore(store.type(), "", 0, store)));
    }

    private static ConfiguredStore build(StoresConfig.Backend backend, Map<String, StoreFactory> factories) {
        StoreFactory factory = factories.get(backend.type());
        if (factory == null) {
            throw new ConfigException("store type '" + backend.type() + "' of store '" + backend.id()
                    + "' is not available in this service");
        }
        ImageStore store = factory.create(backend.options());
        LOG.info("store '{}' ({}) ready{}", backend.id(), backend.type(),
                store.capabilities().writable() ? "" : ", read-only");
        return new ConfiguredStore(backend.id(), backend.description(), backend.weight(), store);
    }

    /** Whether {@code enabled_backends} configured several named stores (the multi-store API is on). */
    public boolean multiStore() {
        return multiStore;
    }

    /** The stores clients can use, in configuration order. */
    public List<ConfiguredStore> stores() {
        return stores;
    }

    /** The stores clients can use, heaviest first (equal weights in configuration order). */
    public List<ConfiguredStore> heaviestFirst() {
        return heaviestFirst;
    }

    public ConfiguredStore defaultStore() {
        return defaultStore;
    }

    public Optional<ConfiguredStore> byId(String id) {
        return stores.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A reserved store ({@link StoresConfig#STAGING_STORE}, {@link StoresConfig#TASKS_STORE}). */
    public Optional<ConfiguredStore> reserved(String id) {
        return Optional.ofNullable(reserved.get(id));
    }

    /**
     * The store serving a location: the one its metadata names, if configured and it owns the URL, else the
     * heaviest store owning the URL.
     */
    public Optional<ConfiguredStore> forLocation(String url, Map<String, Object> metadata) {
        if (metadata != null && metadata.get("store") instanceof String id) {
            Optional<ConfiguredStore> named = byId(id).or(() -> reserved(id));
            if (named.isPresent() && named.get().store().owns(url)) {
                return named;
            }
        }
        return heaviestFirst.stream().filter(s -> s.store().owns(url)).findFirst()
                .or(() -> reserved.values().stream().filter(s -> s.store().owns(url)).findFirst());
    }

    /** The metadata upstream records with a location written to {@code store}. */
    public Map<String, Object> locationMetadata(ConfiguredStore store) {
        return multiStore ? Map.of("store", store.id()) : Map.of();
    }

    @Override
    public void close() {
        List<ConfiguredStore> all = new ArrayList<>(stores);
        all.addAll(reserved.values());
        closeAll(all);
    }

    private static void closeAll(List<ConfiguredStore> stores) {
        for (ConfiguredStore s : stores) {
            try {
                s.store().close();
            } catch (RuntimeException e) {
                LOG.warn("store '{}': error while closing: {}", s.id(), e.getMessage());
            }
        }
    }
}
