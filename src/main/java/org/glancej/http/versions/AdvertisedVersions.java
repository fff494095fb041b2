package org.glancej.http.versions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.glancej.http.versions.ApiVersion.current;
import static org.glancej.http.versions.ApiVersion.supported;

/**
 * Which v2 minor versions the service advertises, following upstream's {@code glance/api/versions.py}
 * (2026.2): some minor versions are listed only when the feature they introduced is configured.
 * <ul>
 * <li>image cache enabled: 2.18 (cache clean/prune) CURRENT, 2.17, 2.16 (cache status codes), 2.15,
 * 2.14 (cache API); otherwise 2.17 (location API) CURRENT and 2.15 (stores detail)</li>
 * <li>multiple stores enabled: 2.13 (usage), 2.12 (image tasks), 2.11, 2.10 (delete from store), 2.9,
 * 2.8 (multistore); otherwise only 2.9</li>
 * <li>always 2.7 down to 2.0</li>
 * </ul>
 * Upstream's version negotiation accepts exactly these {@code /v2.N} prefixes.
 *
 * <p>This service advertises upstream's list less the versions whose feature it does not have yet
 * ({@link #truthful}): a client that sees a version may use everything that version added.
 */
public final class AdvertisedVersions {
    /** Features a minor version added that this service may lack, by version. */
    public static final String IMPORT = "import";
    public static final String COPY_IMAGE = "copy-image";
    public static final String IMAGE_TASKS = "image-tasks";
    public static final String CACHE = "cache";
    public static final String LOCATIONS_API = "locations-api";
    private static final Map<String, String> ADDED_BY = Map.of(
            "2.6", IMPORT, "2.10", COPY_IMAGE, "2.11", IMPORT, "2.12", IMAGE_TASKS, "2.14", CACHE, "2.16", CACHE,
            "2.17", LOCATIONS_API, "2.18", CACHE);

    private AdvertisedVersions() {}

    /**
     * Upstream's list for this configuration without the versions that added a feature not in {@code
     * available}; the highest one left is CURRENT.
     */
    public static List<ApiVersion> truthful(boolean cacheEnabled, boolean multistoreEnabled, Set<String> available) {
        List<ApiVersion> kept = of(cacheEnabled, multistoreEnabled).stream()
                .filter(v -> !ADDED_BY.containsKey(v.number()) || available.contains(ADDED_BY.get(v.number())))
                .toList();
        List<ApiVersion> versions = new ArrayList<>();
        versions.add(ApiVersion.current(kept.getFirst().number()));
        kept.stream().skip(1).map(v -> ApiVersion.supported(v.number())).forEach(versions::add);
        return List.copyOf(versions);
    }

    /** Upstream's list for this configuration. */
    public static List<ApiVersion> of(boolean cacheEnabled, boolean multistoreEnabled) {
        List<ApiVersion> versions = new ArrayList<>();
        if (cacheEnabled) {
            versions.add(current("2.18"));
            versions.addAll(allSupported("2.17", "2.16", "2.15", "2.14"));
        }
        else {
            versions.add(current("2.17"));
            versions.add(supported("2.15"));
        }
        if (multistoreEnabled) {
            versions.addAll(allSupported("2.13", "2.12", "2.11", "2.10", "2.9", "2.8"));
        }
        else {
            versions.add(supported("2.9"));
        }
        versions.addAll(allSupported("2.7", "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0"));
        return List.copyOf(versions);
    }

    private static List<ApiVersion> allSupported(String... numbers) {
        return Arrays.stream(numbers).map(ApiVersion::supported).toList();
    }
}
