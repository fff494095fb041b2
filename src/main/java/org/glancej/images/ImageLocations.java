package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigFile;
import org.glancej.images.request.LocationRules;
import org.glancej.quota.QuotaChecker;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;

/**
 * Locations clients add ({@code show_multiple_locations}): a location must name a configured store that serves
 * its URL, never a restricted scheme ({@code file}, {@code filesystem}, {@code swift+config}: OSSA-2014-041,
 * OSSA-2015-002), and have data there; the store reads it under its own URL checks (the http store refuses
 * internal addresses and checks every redirect).
 */
public final class ImageLocations {
    private static final Set<String> RESTRICTED_SCHEMES = Set.of("file", "filesystem", "swift+config");

    private final StoreRegistry stores;
    private final boolean showMultipleLocations;
    private final String hashingAlgorithm;

    public ImageLocations(StoreRegistry stores, boolean showMultipleLocations, String hashingAlgorithm) {
        this.stores = requireNonNull(stores, "stores is null");
        this.showMultipleLocations = showMultipleLocations;
        this.hashingAlgorithm = requireNonNull(hashingAlgorithm, "hashingAlgorithm is null");
    }

    /** {@code [DEFAULT] show_multiple_locations} (upstream's default: off). */
    public static boolean showMultipleLocations(ConfigFile conf) {
        return conf.bool("DEFAULT", "show_multiple_locations", false);
    }

    public boolean visible() {
        return showMultipleLocations;
    }

    /** The rules one caller's PATCH of one image follows for {@code /locations}. */
    LocationRules rules(RequestContext ctx, Image image, ImageAccess access, QuotaChecker quotas) {
        return new LocationRules() {
            @Override
            public boolean visible() {
                return showMultipleLocations;
            }

            @Override
            public Checked check(String url, Map<String, Object> metadata) {
                return ImageLocations.this.check(url, metadata, ctx.storeCaller());
            }

            @Override
            public void checkSet() {
                access.enforce(ctx, ImageAccess.Operation.SET_LOCATION, image);
            }

            @Override
            public void checkDelete() {
                access.enforce(ctx, ImageAccess.Operation.DELETE_LOCATION, image);
            }

            @Override
            public void checkCount(int locations) {
                quotas.checkLocationCount(locations);
            }

            @Override
            public String hashingAlgorithm() {
                return hashingAlgorithm;
            }
        };
    }

    /** Checks a location a client adds; 400 "Invalid location" for anything it may not add or that has no data. */
    public LocationRules.Checked check(String url, Map<String, Object> metadata) {
        return check(url, metadata, StoreCaller.NONE);
    }

    /** {@link #check(String, Map)}, the data's size asked on behalf of the user adding the location. */
    public LocationRules.Checked check(String url, Map<String, Object> metadata, StoreCaller caller) {
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (RESTRICTED_SCHEMES.contains(scheme)) {
            throw invalid();
        }
        ConfiguredStore store = stores.forLocation(url, metadata).orElseThrow(ImageLocations::invalid);
        long size;
        try {
            size = store.store().size(url, caller);
        } catch (StoreException e) {
            throw GlanceException.badRequest("Invalid location: " + e.getMessage());
        }
        if (size <= 0) {
            throw invalid();
        }
        Map<String, Object> stored = new LinkedHashMap<>(metadata);
        if (stores.multiStore()) {
            stored.put("store", store.id());
        }
        return new LocationRules.Checked(url, stored, size);
    }

    private static GlanceException invalid() {
        return GlanceException.badRequest("Invalid location");
    }
}
