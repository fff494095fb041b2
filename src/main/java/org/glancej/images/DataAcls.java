package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import org.glancej.auth.RequestContext;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the stores of an image's locations who may read its data, for stores that keep it in the owner's own
 * project (multi-tenant Swift), as upstream's location layer does after each change: everyone for a public or
 * community image, else its member projects. A store that cannot apply it is logged; the image change stands.
 */
public final class DataAcls {
    /** For services without stores that care. */
    public static final DataAcls NONE = new DataAcls(null, id -> List.of());
    private static final Logger LOG = LoggerFactory.getLogger(DataAcls.class);

    private final StoreRegistry stores;
    private final Function<String, List<String>> memberIds;

    /** @param memberIds the member projects of an image, whatever their status (upstream lists them all) */
    public DataAcls(StoreRegistry stores, Function<String, List<String>> memberIds) {
        this.stores = stores;
        this.memberIds = requireNonNull(memberIds, "memberIds is null");
    }

    public void apply(RequestContext ctx, Image image) {
        applyTo(ctx, image, image.locations());
    }

    /**
     * For data about to become the image's: a store that made it private to the owner opens it to the image's
     * readers before the image shows it (an image going {@code active} is readable by them at once).
     */
    public void applyToNewData(RequestContext ctx, Image image, ImageLocation location) {
        if (image.visibility() != Visibility.PRIVATE) {
            applyTo(ctx, image, List.of(location));
        }
    }

    private void applyTo(RequestContext ctx, Image image, List<ImageLocation> locations) {
        if (stores == null || locations.isEmpty()) {
            return;
        }
        boolean isPublic = image.visibility() == Visibility.PUBLIC || image.visibility() == Visibility.COMMUNITY;
        List<String> readers = isPublic ? List.of() : memberIds.apply(image.id());
        for (ImageLocation location : locations) {
            ConfiguredStore store = stores.forLocation(location.url(), location.metadata()).orElse(null);
            if (store == null) {
                continue;
            }
            try {
                store.store().setAcls(location.url(), isPublic, readers, ctx.storeCaller());
            } catch (StoreException e) {
                LOG.warn("image {}: the {} store could not set who may read its data: {}", image.id(), store.id(),
                        e.getMessage());
            }
        }
    }
}
