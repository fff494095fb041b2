package org.glancej.imports;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The reserved properties an import keeps on its image, as upstream's import actions write them: the stores
 * still to do ({@code os_glance_importing_to_stores}) and those that failed ({@code os_glance_failed_import}),
 * each a sorted comma-separated list, present (possibly empty) once an import has run.
 */
public final class ImportProperties {
    public static final String IMPORTING = "os_glance_importing_to_stores";
    public static final String FAILED = "os_glance_failed_import";
    public static final String STAGE_HOST = "os_glance_stage_host";

    private ImportProperties() {}

    /** {@code properties} with {@code stores} added to the list under {@code key}. */
    public static Map<String, String> add(Map<String, String> properties, String key, Collection<String> stores) {
        TreeSet<String> merged = list(properties, key);
        stores.stream().filter(s -> s != null && !s.isEmpty()).forEach(merged::add);
        return with(properties, key, merged);
    }

    /** {@code properties} with {@code stores} taken out of the list under {@code key}. */
    public static Map<String, String> remove(Map<String, String> properties, String key, Collection<String> stores) {
        TreeSet<String> merged = list(properties, key);
        merged.removeAll(stores);
        return with(properties, key, merged);
    }

    private static TreeSet<String> list(Map<String, String> properties, String key) {
        String value = properties.getOrDefault(key, "");
        return Arrays.stream(value.split(",")).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> with(Map<String, String> properties, String key, TreeSet<String> stores) {
        Map<String, String> changed = new LinkedHashMap<>(properties);
        changed.put(key, String.join(",", stores));
        return changed;
    }
}
