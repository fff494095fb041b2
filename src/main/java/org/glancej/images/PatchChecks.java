package org.glancej.images;

import static java.util.Objects.requireNonNull;

import org.glancej.auth.RequestContext;
import org.glancej.images.protection.PropertyOperation;
import org.glancej.images.protection.PropertyProtections;
import org.glancej.images.request.PatchPermissions;
import org.glancej.quota.QuotaChecker;

/** One caller's PATCH of one image: visibility policy, property protections and the tag quota, as upstream asks them. */
final class PatchChecks implements PatchPermissions {
    private final RequestContext ctx;
    private final Image image;
    private final ImageAccess access;
    private final PropertyProtections protections;
    private final QuotaChecker quotas;
    private final ImageLocations locations;

    PatchChecks(RequestContext ctx, Image image, ImageAccess access, PropertyProtections protections,
            QuotaChecker quotas, ImageLocations locations) {
        this.locations = requireNonNull(locations, "locations is null");
        this.ctx = requireNonNull(ctx, "ctx is null");
        this.image = requireNonNull(image, "image is null");
        this.access = requireNonNull(access, "access is null");
        this.protections = requireNonNull(protections, "protections is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    @Override
    public boolean isAdmin() {
        return ctx.isAdmin();
    }

    @Override
    public void checkVisibility(Visibility requested) {
        access.enforceVisibilityChange(ctx, image, requested);
    }

    @Override
    public boolean canRead(String property) {
        return protections.allows(ctx, property, PropertyOperation.READ);
    }

    @Override
    public void checkSetProperty(String property, boolean visible) {
        if (visible) {
            protections.checkUpdate(ctx, property);
        } else {
            protections.checkCreate(ctx, property);
        }
    }

    @Override
    public void checkRemoveProperty(String property) {
        protections.checkDelete(ctx, property);
    }

    @Override
    public void checkTags(int sent) {
        quotas.checkTagCount(sent);
    }

    @Override
    public org.glancej.images.request.LocationRules locations() {
        return locations.rules(ctx, image, access, quotas);
    }
}
