package org.glancej.members;

import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;

/**
 * Who may do what with an image's members: upstream's secure-RBAC defaults for the five member rules, one
 * method per rule, each throwing the 403 upstream's policy enforcement gives. Callers establish first that
 * the image is visible to the caller and shared.
 *
 * <p>"The image member" is the caller's project when it holds a membership of the image and does not own
 * it, which is what upstream's policy target carries as {@code member_id}.
 */
public final class MemberPermissions {

    /** {@code add_member}: admin, or a member of the owning project. */
    public void addMember(RequestContext ctx, Image image) {
        require(ctx.isAdmin() || (ctx.hasRole("member") && ownsImage(ctx, image)), "add_member");
    }

    /** {@code delete_member}: admin, or a member of the owning project. */
    public void deleteMember(RequestContext ctx, Image image) {
        require(ctx.isAdmin() || (ctx.hasRole("member") && ownsImage(ctx, image)), "delete_member");
    }

    /** {@code get_members}: admin, or a reader of the owning project or of the member project. */
    public void getMembers(RequestContext ctx, Image image, boolean callerIsMember) {
        require(mayRead(ctx, image, callerIsMember), "get_members");
    }

    /** {@code get_member}: as {@code get_members}. */
    public void getMember(RequestContext ctx, Image image, boolean callerIsMember) {
        require(mayRead(ctx, image, callerIsMember), "get_member");
    }

    /** {@code modify_member}: admin, or a member of the project that is the image member; never the owner. */
    public void modifyMember(RequestContext ctx, Image image, boolean callerIsMember) {
        require(ctx.isAdmin() || (ctx.hasRole("member") && callerIsMember && !ownsImage(ctx, image)),
                "modify_member");
    }

    private static boolean mayRead(RequestContext ctx, Image image, boolean callerIsMember) {
        return ctx.isAdmin() || (ctx.hasRole("reader") && (ownsImage(ctx, image) || callerIsMember));
    }

    private static boolean ownsImage(RequestContext ctx, Image image) {
        return ctx.projectId() != null && ctx.projectId().equals(image.owner());
    }

    private static void require(boolean allowed, String rule) {
        if (!allowed) {
            throw GlanceException.forbidden("You are not authorized to complete " + rule + " action.");
        }
    }
}
