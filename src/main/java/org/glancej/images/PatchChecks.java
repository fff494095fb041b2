package org.glancej.images;

import static java.util.Objects.requireNonNull;

import org.glancej.auth.RequestContext;
import org.glancej.images.request.PatchPermissions;
import org.glancej.quota.QuotaChecker;

/** One caller's PATCH of one image: visibility policy and the tag quota, as upstream asks them. */
final class PatchChecks implements PatchPermissions {
    private final RequestContext ctx;
    private final Image image;
    private final ImageAccess access;
    private final QuotaChecker quotas;

    PatchChecks(RequestContext ctx, Image image, ImageAccess access, QuotaChecker quotas) {
        this.ctx = requireNonNull(ctx, "ctx is null");
        this.image = requireNonNull(image, "image is null");
        this.access = requireNonNull(access, "access is null");
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
    public void checkTags(int sent) {
        quotas.checkTagCount(sent);
    }
}
