package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;

/**
 * The image-specific steps upstream's image API policy takes around plain rule checks: who may create an
 * image for which owner, which visibility changes need their own rule, and the owner-or-admin checks that
 * remain when legacy defaults are in force ({@code enforce_new_defaults = False}).
 */
public final class ImagePolicy {
    private final PolicyEnforcer policy;

    public ImagePolicy(PolicyEnforcer policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    /**
     * {@code add_image} for the owner and visibility the request asks for (null when it does not say),
     * then {@code publicize_image} or {@code communitize_image} for those visibilities. A caller asking for
     * another project's image learns that rather than the rule name.
     */
    public void enforceCreate(String requestedOwner, String requestedVisibility, RequestContext ctx) {
        PolicyTarget target = PolicyTarget.newImage(requestedOwner, requestedVisibility, ctx);
        Object owner = target.value("owner");
        if (!policy.allowed("add_image", target, ctx)) {
            if (!Objects.equals(owner, ctx.projectId())) {
                throw GlanceException.forbidden(
                        "You are not permitted to create images owned by '" + PythonFormat.str(owner) + "'");
            }
            policy.enforce("add_image", target, ctx);
        }
        enforceVisibility((String) target.value("visibility"), target, ctx);
        if (!policy.enforceNewDefaults() && !ctx.isAdmin() && !Objects.equals(owner, ctx.projectId())) {
            throw GlanceException.forbidden(
                    "You are not permitted to create images owned by '" + PythonFormat.str(owner) + "'.");
        }
    }

    /**
     * Making an image public or community takes its own rule ({@code publicize_image},
     * {@code communitize_image}), answered with 403 whatever the caller can see; other visibilities need
     * none beyond {@code modify_image}.
     */
    public void enforceVisibility(String visibility, PolicyTarget image, RequestContext ctx) {
        switch (visibility == null ? "" : visibility) {
            case "public" -> policy.enforce("publicize_image", image, ctx);
            case "community" -> policy.enforce("communitize_image", image, ctx);
            default -> {
            }
        }
    }

    /**
     * Under legacy defaults, which let nearly everyone through, upstream still requires the image's owner
     * or an admin for delete, upload, modify, deactivate, reactivate and location removal. Does nothing
     * when new defaults are enforced.
     */
    public void requireOwnerUnderLegacyDefaults(String imageOwner, RequestContext ctx) {
        if (policy.enforceNewDefaults() || ctx.isAdmin()) {
            return;
        }
        if (imageOwner == null || ctx.projectId() == null || !imageOwner.equals(ctx.projectId())) {
            throw GlanceException.forbidden("You do not own this image");
        }
    }
}
