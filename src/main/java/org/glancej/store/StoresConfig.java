package org.glancej.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/**
 * Which stores to build, in either of upstream's forms: multi-store ({@code [DEFAULT] enabled_backends =
 * id:type,...}, {@code [glance_store] default_backend}, one section per id, plus the reserved file stores
 * import uses) or legacy ({@code [glance_store] stores}, {@code default_store}, options in {@code
 * [glance_store]}).
 *
 * @param multiStore whether {@code enabled_backends} is set
 * @param backends the stores clients can use, in configuration order
 * @param defaultId the id data goes to when the client names none
 * @param reserved {@code os_glance_staging_store} and {@code os_glance_tasks_store} in the multi-store form; in
 *     the legacy form the staging store alone, a file store at {@code [DEFAULT] node_staging_uri}
 */
public record StoresConfig(boolean multiStore, List<Backend> backends, String defaultId, List<Backend> reserved) {
    public static final String STAGING_STORE = "os_glance_staging_store";
    public static final String TASKS_STORE = "os_glance_tasks_store";
    /** Upstream's default for {@code [DEFAULT] node_staging_uri}, where the legacy form stages data. */
    public static final String DEFAULT_NODE_STAGING_URI = "file:///tmp/staging/";
    /** Our embedded default keeps data beside the database under ./data instead of /var/lib/glance. */
    public static final String DEFAULT_DATADIR = "data/images";

    /** One store to build: its id, type, where its options are, and how clients see it. */
    public record Backend(String id, String type, StoreSection options, String description, long weight) {}

    public StoresConfig {
        backends = List.copyOf(backends);
        reserved = List.copyOf(reserved);
    }

    /**
     * @param knownTypes the store types this service can build; any other type named in the configuration
     *     stops startup, since data would go somewhere else than the operator meant
     */
    public static StoresConfig from(ConfigFile conf, Set<String> knownTypes) {
        List<String> enabled = conf.list("DEFAULT", "enabled_backends", List.of());
        return enabled.isEmpty() ? legacy(conf, knownTypes) : multi(conf, enabled, knownTypes);
    }

    private static StoresConfig legacy(ConfigFile conf, Set<String> knownTypes) {
        boolean explicit = conf.raw("glance_store", "stores").isPresent();
        List<String> types = new ArrayList<>(new LinkedHashSet<>(conf.list("glance_store", "stores", List.of("file", "http"))));
        if (!explicit) {
            types.removeIf(type -> !knownTypes.contains(type));
        }
        for (String type : types) {
            requireKnown(knownTypes, type, "[glance_store] stores");
        }
        String defaultStore = conf.string("glance_store", "default_store", "file").strip();
        if (!types.contains(defaultStore)) {
            throw ConfigException.badValue("glance_store", "default_store", defaultStore,
                    "not one of the enabled stores " + types + " ([glance_store] stores)");
        }
        List<Backend> backends = types.stream()
                .map(type -> new Backend(type, type, new StoreSection(conf, "glance_store", type, null), "", 0))
                .toList();
        return new StoresConfig(false, backends, defaultStore, List.of(legacyStagingStore(conf)));
    }

    /**
     * Upstream stages into a file store whose directory is {@code node_staging_uri} without its {@code file://};
     * it accepts nothing else, which we check at startup instead of at the first stage.
     */
    private static Backend legacyStagingStore(ConfigFile conf) {
        String uri = conf.string("DEFAULT", "node_staging_uri", DEFAULT_NODE_STAGING_URI).strip();
        if (!uri.startsWith("file:///")) {
            throw ConfigException.badValue("DEFAULT", "node_staging_uri", uri,
                    "must be 'file://' followed by an absolute directory path");
        }
        ConfigFile staging = ConfigFile.parse("[" + STAGING_STORE + "]\nfilesystem_store_datadir = "
                + uri.substring("file://".length()) + "\n");
        return new Backend(STAGING_STORE, "file", new StoreSection(staging, STAGING_STORE, STAGING_STORE, null), "", 0);
    }

    private static StoresConfig multi(ConfigFile conf, List<String> enabled, Set<String> knownTypes) {
        List<Backend> backends = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : enabled) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            String type = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (id.isEmpty() || type.isEmpty()) {
                throw ConfigException.badValue("DEFAULT", "enabled_backends", entry, "each entry must be id:type");
            }
            if (id.startsWith("os_glance_")) {
                throw ConfigException.badValue("DEFAULT", "enabled_backends", entry,
                        "the 'os_glance_' prefix is reserved for internal use");
            }
            if (!ids.add(id)) {
                throw ConfigException.badValue("DEFAULT", "enabled_backends", entry, "store id " + id + " appears twice");
            }
            requireKnown(knownTypes, type, "[DEFAULT] enabled_backends");
            StoreSection options = new StoreSection(conf, id, id, StoreSection.BACKEND_DEFAULTS);
            backends.add(new Backend(id, type, options, options.string("store_description", ""),
                    options.longValue("weight", 0, Long.MIN_VALUE, Long.MAX_VALUE)));
        }
        String defaultId = conf.string("glance_store", "default_backend", "").strip();
        if (defaultId.isEmpty()) {
            throw new ConfigException("[glance_store] default_backend must be set when [DEFAULT] enabled_backends is");
        }
        if (!ids.contains(defaultId)) {
            throw ConfigException.badValue("glance_store", "default_backend", defaultId,
                    "not one of the stores in [DEFAULT] enabled_backends " + ids);
        }
        List<Backend> reserved = List.of(reservedFileStore(conf, STAGING_STORE), reservedFileStore(conf, TASKS_STORE));
        return new StoresConfig(true, backends, defaultId, reserved);
    }

    private static Backend reservedFileStore(ConfigFile conf, String id) {
        StoreSection options = new StoreSection(conf, id, id, null);
        return new Backend(id, "file", options, "", 0);
    }

    /** Where a reserved store keeps its files unless its section says otherwise. */
    public static String reservedDefaultDatadir(String id) {
        return "data/" + id;
    }

    private static void requireKnown(Set<String> knownTypes, String type, String option) {
        if (!knownTypes.contains(type)) {
            throw new ConfigException("store type '" + type + "' in " + option + " is not available in this service"
                    + " (available: " + knownTypes.stream().sorted().toList() + "); refusing to start rather than"
                    + " put image data somewhere else");
        }
    }
}
