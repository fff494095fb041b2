package org.glancej.images;

import static java.util.Objects.requireNonNull;

import org.glancej.auth.RequestContext;
import org.glancej.policy.ImagePolicy;
import org.glancej.policy.PolicyEnforcer;
import org.glancej.policy.PolicyTarget;

/**
 * Upstream's image policies, asked with the image as the target: every operation on an existing image goes
 * through {@link #enforce}, which answers 404 to a caller who may not even see the image and 403 to one who
 * may. Database visibility filtering ({@link ImageService#find}) comes first: targets are only built for
 * images the caller's query could return.
 */
public final class ImageAccess {
    private final PolicyEnforcer policy;
    private final ImagePolicy imagePolicy;

    public ImageAccess(PolicyEnforcer policy) {
        this.policy = requireNonNull(policy, "policy is null");
        this.imagePolicy = new ImagePolicy(policy);
    }

    /** Operations on an image and the rules that guard them, as upstream names the rules. */
    public enum Operation {
        GET("get_image", false), MODIFY("modify_image", true), DELETE("delete_image", true),
        UPLOAD("upload_image", true), DOWNLOAD("download_image", false), DEACTIVATE("deactivate", true),
        REACTIVATE("reactivate", true), ADD_MEMBER("add_member", false), DELETE_MEMBER("delete_member", false),
        GET_MEMBER("get_member", false), GET_MEMBERS("get_members", false), MODIFY_MEMBER("modify_member", false),
        GET_LOCATION("get_image_location", false), SET_LOCATION("set_image_location", true),
        DELETE_LOCATION("delete_image_location", true), ADD_LOCATION("add_image_location", false),
        FETCH_LOCATION("fetch_image_location", false), COPY_IMAGE("copy_image", false);

        private final String rule;
        private final boolean ownerOnlyUnderLegacyDefaults;

        Operation(String rule, boolean ownerOnlyUnderLegacyDefaults) {
            this.rule = rule;
            this.ownerOnlyUnderLegacyDefaults = ownerOnlyUnderLegacyDefaults;
        }

        public String rule() {
            return rule;
        }
    }

    public void enforce(RequestContext ctx, Operation operation, Image image) {
        policy.enforceOrHide(operation.rule, target(ctx, image), ctx);
        if (operation.ownerOnlyUnderLegacyDefaults) {
            imagePolicy.requireOwnerUnderLegacyDefaults(image.owner(), ctx);
        }
    }

    /** Member rules after the image itself passed {@code get_image}: refusals are 403, never 404. */
    public void enforceMemberRule(RequestContext ctx, Operation operation, Image image) {
        PolicyTarget target = target(ctx, image);
        policy.enforceOrHide("get_image", target, ctx);
        policy.enforce(operation.rule, target, ctx);
    }

    public boolean mayGet(RequestContext ctx, Image image) {
        return policy.allowed("get_image", target(ctx, image), ctx);
    }

    public void enforceList(RequestContext ctx) {
        policy.enforce("get_images", PolicyTarget.project(ctx.projectId()), ctx);
    }

    /** {@code add_image} for the owner and visibility a create body asks for (null where it does not say). */
    public void enforceCreate(RequestContext ctx, String requestedOwner, Visibility requestedVisibility) {
        imagePolicy.enforceCreate(requestedOwner, requestedVisibility == null ? null : requestedVisibility.wire(), ctx);
    }

    /** A PATCH that changes visibility to public or community needs its own rule as well as modify_image. */
    public void enforceVisibilityChange(RequestContext ctx, Image image, Visibility to) {
        imagePolicy.enforceVisibility(to.wire(), target(ctx, image), ctx);
    }

    private static PolicyTarget target(RequestContext ctx, Image image) {
        return PolicyTarget.image(image.id(), image.owner(), image.visibility().wire(), ctx)
                .attribute("name", image.name())
                .attribute("status", image.status().wire())
                .attribute("protected", image.isProtected())
                .attribute("os_hidden", image.osHidden())
                .properties(image.properties())
                .build();
    }
}
