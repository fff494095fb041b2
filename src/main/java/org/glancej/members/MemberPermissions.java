package org.glancej.members;

import static java.util.Objects.requireNonNull;

import org.glancej.auth.RequestContext;
import org.glancej.images.Image;
import org.glancej.images.ImageAccess;
import org.glancej.images.ImageAccess.Operation;

/**
 * Who may do what with an image's members: upstream's five member rules, evaluated by the policy engine
 * with the image as the target, each refusal a 403. Callers establish first that the image is visible to
 * the caller and shared.
 *
 * <p>"The image member" is the caller's project when it holds a membership of the image and does not own
 * it, which is what upstream's policy target carries as {@code member_id}.
 */
public final class MemberPermissions {
    private final ImageAccess access;

    public MemberPermissions(ImageAccess access) {
        this.access = requireNonNull(access, "access is null");
    }

    /** {@code add_member}: by default admin, or a member of the owning project. */
    public void addMember(RequestContext ctx, Image image) {
        access.enforceMemberRule(ctx, Operation.ADD_MEMBER, image);
    }

    /** {@code delete_member}: by default admin, or a member of the owning project. */
    public void deleteMember(RequestContext ctx, Image image) {
        access.enforceMemberRule(ctx, Operation.DELETE_MEMBER, image);
    }

    /** {@code get_members}: by default admin, or a reader of the owning project or of the member project. */
    public void getMembers(RequestContext ctx, Image image) {
        access.enforceMemberRule(ctx, Operation.GET_MEMBERS, image);
    }

    /** {@code get_member}: as {@code get_members}. */
    public void getMember(RequestContext ctx, Image image) {
        access.enforceMemberRule(ctx, Operation.GET_MEMBER, image);
    }

    /** {@code modify_member}: by default admin, or a member of the project that is the image member. */
    public void modifyMember(RequestContext ctx, Image image) {
        access.enforceMemberRule(ctx, Operation.MODIFY_MEMBER, image);
    }
}
