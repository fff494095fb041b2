package org.glancej.members;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageService;
import org.glancej.images.ImageVisibility;
import org.glancej.images.Visibility;
import org.glancej.quota.QuotaChecker;

/**
 * Image sharing: the owner adds and removes member projects, each member accepts or rejects. Every
 * operation runs upstream's steps in upstream's order: find the image (404), require it shared (403),
 * permissions, then the member itself, so that errors and their messages come out as upstream's do.
 */
public final class MemberService {
    private final ImageService images;
    private final MemberDao dao;
    private final MemberPermissions permissions;
    private final QuotaChecker quotas;
    private final Clock clock;

    public MemberService(ImageService images, MemberDao dao, MemberPermissions permissions, QuotaChecker quotas,
            Clock clock) {
        this.images = requireNonNull(images, "images is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.permissions = requireNonNull(permissions, "permissions is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public ImageMember add(RequestContext ctx, String imageId, String memberId) {
        Image image = sharedImage(ctx, imageId, "Not allowed to create members for image " + imageId + ".");
        permissions.addMember(ctx, image);
        MemberIds.requireStorable(memberId);
        // counted under the image's row lock, so concurrent adds cannot pass the quota together
        return switch (dao.add(imageId, memberId, quotas.imageMemberQuota(), clock.instant())) {
            case MemberDao.Added added -> {
                images.updateDataAcls(ctx, image);
                yield added.member();
            }
            case MemberDao.OverQuota over -> throw quotas.memberQuotaExceeded(imageId, over.attempted());
            case MemberDao.AlreadyMember ignored ->
                    throw GlanceException.conflict("Member " + memberId + " is duplicated for image " + imageId);
        };
    }

    /** Everyone's membership for the owner and admins; a member project sees only its own. */
    public List<ImageMember> list(RequestContext ctx, String imageId) {
        Image image = sharedImage(ctx, imageId,
                "Not allowed to list members for image " + imageId + ": Only shared images have members.");
        permissions.getMembers(ctx, image);
        ImageVisibility visibility = ImageVisibility.of(ctx);
        return dao.list(imageId).stream()
                .filter(member -> visibility.seesMembership(image, member.memberId()))
                .toList();
    }

    /** Upstream answers 404 rather than 403 here, so that a refusal tells nothing about the image. */
    public ImageMember get(RequestContext ctx, String imageId, String memberId) {
        Image image = visibleImage(ctx, imageId);
        if (image.visibility() != Visibility.SHARED) {
            throw GlanceException.notFound("Only shared images have members.");
        }
        try {
            permissions.getMember(ctx, image);
        } catch (GlanceException e) {
            throw GlanceException.notFound(e.getMessage());
        }
        return visibleMember(ctx, image, memberId);
    }

    /**
     * Sets the caller's own membership status. {@code status} is the request's value, null when it was not a
     * string; it is judged last, as upstream does.
     */
    public ImageMember setStatus(RequestContext ctx, String imageId, String memberId, String status) {
        Image image = sharedImage(ctx, imageId, "Not allowed to update members for image " + imageId + ".");
        permissions.getMember(ctx, image);
        visibleMember(ctx, image, memberId);
        permissions.modifyMember(ctx, image);
        MemberStatus newStatus = MemberStatus.parse(status).orElseThrow(() -> GlanceException.badRequest(
                "Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\"."));
        return dao.setStatus(imageId, memberId, newStatus, clock.instant())
                .orElseThrow(() -> memberNotFound(imageId, memberId));
    }

    public void remove(RequestContext ctx, String imageId, String memberId) {
        Image image = sharedImage(ctx, imageId, "Not allowed to delete members for image " + imageId + ".");
        permissions.getMember(ctx, image);
        visibleMember(ctx, image, memberId);
        permissions.deleteMember(ctx, image);
        if (!dao.remove(imageId, memberId, clock.instant())) {
            throw memberNotFound(imageId, memberId);
        }
        images.updateDataAcls(ctx, image);
    }

    private Image visibleImage(RequestContext ctx, String imageId) {
        return images.find(ctx, imageId).orElseThrow(() -> GlanceException.notFound("Image " + imageId + " not found."));
    }

    /** Only shared images have members: for any other, the operation fails with its own 403 message. */
    private Image sharedImage(RequestContext ctx, String imageId, String refusal) {
        Image image = visibleImage(ctx, imageId);
        if (image.visibility() != Visibility.SHARED) {
            throw GlanceException.forbidden(refusal);
        }
        return image;
    }

    private ImageMember visibleMember(RequestContext ctx, Image image, String memberId) {
        if (!MemberIds.isStorable(memberId)) {
            throw memberNotFound(image.id(), memberId); // never stored, and not a value to send to the database
        }
        return dao.find(image.id(), memberId)
                .filter(member -> ImageVisibility.of(ctx).seesMembership(image, member.memberId()))
                .orElseThrow(() -> memberNotFound(image.id(), memberId));
    }

    private static GlanceException memberNotFound(String imageId, String memberId) {
        return GlanceException.notFound(memberId + " not found in the member list of the image " + imageId + ".");
    }
}
