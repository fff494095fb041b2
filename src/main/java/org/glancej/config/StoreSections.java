package org.glancej.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which sections hold store options, for which store types, as upstream reads them: {@code [glance_store]} for
 * the types in {@code stores} in the legacy form; with {@code [DEFAULT] enabled_backends}, each backend's own
 * section, {@code [backend_defaults]} for every enabled type, and the reserved file stores' sections. Malformed
 * entries are skipped here: {@code StoresConfig} refuses them with its own message.
 */
record StoreSections(boolean multiStore, Map<String, Set<String>> typesBySection) {
    static final String GLANCE_STORE = "glance_store";
    static final String BACKEND_DEFAULTS = "backend_defaults";
    static final List<String> RESERVED = List.of("os_glance_staging_store", "os_glance_tasks_store");

    static StoreSections of(ConfigFile conf) {
        List<String> enabled = conf.list("DEFAULT", "enabled_backends", List.of());
        Map<String, Set<String>> types = new LinkedHashMap<>();
        if (enabled.isEmpty()) {
            Set<String> legacy = new LinkedHashSet<>();
            conf.list(GLANCE_STORE, "stores", List.of("file", "http")).forEach(type -> legacy.add(canonical(type)));
            types.put(GLANCE_STORE, legacy);
            return new StoreSections(false, types);
        }
        Set<String> all = new LinkedHashSet<>();
        for (String entry : enabled) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                String type = canonical(entry.substring(colon + 1));
                types.put(entry.substring(0, colon).strip(), Set.of(type));
                all.add(type);
            }
        }
        types.put(BACKEND_DEFAULTS, all);
        RESERVED.forEach(id -> types.put(id, Set.of("file")));
        return new StoreSections(true, types);
    }

    /** The store types whose options this section holds, or an empty set if it holds none. */
    Set<String> typesIn(String section) {
        return typesBySection.getOrDefault(section, Set.of());
    }

    /** The ids of the backends {@code enabled_backends} names, in its order. */
    List<String> backendIds() {
        return typesBySection.keySet().stream()
                .filter(s -> !s.equals(BACKEND_DEFAULTS) && !RESERVED.contains(s) && !s.equals(GLANCE_STORE))
                .toList();
    }

    boolean isStoreSection(String section) {
        return typesBySection.containsKey(section);
    }

    /** glance_store's older names for the same drivers. */
    private static String canonical(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "filesystem" -> "file";
            case "https" -> "http";
            case "vmware_datastore" -> "vmware";
            default -> t;
        };
    }
}
