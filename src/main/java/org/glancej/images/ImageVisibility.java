package org.glancej.images;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.auth.RequestContext;

/**
 * Who sees which image, as upstream decides it, written twice side by side: in Java for an image already
 * loaded, and as the SQL condition the list query puts in its WHERE clause. Change both or neither;
 * {@code ImageVisibilityAgreementTest} runs both over every combination of visibility, owner, membership and
 * requester on each database and requires the same images.
 *
 * <ul>
 * <li>One image ({@link #sees}, {@link #seesSql}; shows, and a list's marker): admins see everything;
 *     everyone sees public and community images and images without an owner; a project sees its own images
 *     and the shared images it is a member of, in any membership status.
 * <li>Lists ({@link #lists}, {@link #listsSql}): for non-admins, public and community images, the
 *     project's own, and the shared images whose membership has the requested status. Ownerless private
 *     images are not listed (upstream's list query has no such branch). Without a project, no shared image
 *     is listed (upstream's would list every shared image that has any member).
 * <li>Lists that name no visibility ({@link #listsByDefault}, {@link #listsByDefaultSql}): community images
 *     only to their owner, admins included.
 * <li>Memberships of a visible image ({@link #seesMembership}; Java only, member lists are filtered after
 *     loading): admins see all, others the owner's or their own.
 * </ul>
 *
 * <p>Memberships count while they are live (not deleted) and the image is shared.
 */
public final class ImageVisibility {
    /** The list's {@code member_status} value that accepts a membership in any status. */
    public static final String ANY_MEMBER_STATUS = "all";

    private final boolean admin;
    private final String project;

    private ImageVisibility(boolean admin, String project) {
        this.admin = admin;
        this.project = project;
    }

    public static ImageVisibility of(RequestContext ctx) {
        return new ImageVisibility(ctx.isAdmin(), ctx.projectId());
    }

    /** @param project the requester's project, null when it has none */
    public static ImageVisibility of(boolean admin, String project) {
        return new ImageVisibility(admin, project);
    }

    /** The membership rows, as the Java form asks about them. */
    @FunctionalInterface
    public interface Memberships {
        /** Whether {@code project} holds a live membership of the image: in {@code status}, or in any if empty. */
        boolean holds(String imageId, String project, Optional<String> status);
    }

    /** How the list query spells what steers each database's planner; the rule's meaning does not depend on it. */
    public interface SqlSpelling {
        /** {@code column}, written so that the planner does not pick an index on it. */
        String unindexed(String column);

        /** Whether a row of {@code tableWhere} ("table WHERE ...", correlated with {@code images}) exists. */
        String exists(String tableWhere);
    }

    /** A self-contained SQL boolean expression over {@code images}, with the values its placeholders bind. */
    public record Condition(String sql, List<Object> parameters) {
        public Condition {
            requireNonNull(sql, "sql is null");
            parameters = List.copyOf(parameters);
        }
    }

    // --- one image ---------------------------------------------------------------------------------------

    public boolean sees(Image image, Memberships memberships) {
        if (admin || image.owner() == null || openToAll(image.visibility())) {
            return true;
        }
        return project != null && (project.equals(image.owner()) || (image.visibility() == Visibility.SHARED
                && memberships.holds(image.id(), project, Optional.empty())));
    }

    /** {@link #sees} as SQL; empty when every image qualifies. */
    public Optional<Condition> seesSql(SqlSpelling spelling) {
        if (admin) {
            return Optional.empty();
        }
        String open = "images.owner IS NULL OR " + visibility(spelling) + " IN ('public', 'community')";
        if (project == null) {
            return Optional.of(new Condition("(" + open + ")", List.of()));
        }
        return Optional.of(new Condition("(" + open + " OR images.owner = ? OR (" + visibility(spelling)
                + " = 'shared' AND " + memberExists(spelling, false) + "))", List.of(project, project)));
    }

    // --- lists -------------------------------------------------------------------------------------------

    /** @param memberStatus the membership status a shared image needs, or {@link #ANY_MEMBER_STATUS} */
    public boolean lists(Image image, String memberStatus, Memberships memberships) {
        if (admin || openToAll(image.visibility())) {
            return true;
        }
        return project != null && (project.equals(image.owner()) || (image.visibility() == Visibility.SHARED
                && memberships.holds(image.id(), project, statusFilter(memberStatus))));
    }

    /** {@link #lists} as SQL; empty when every image qualifies. */
    public Optional<Condition> listsSql(String memberStatus, SqlSpelling spelling) {
        if (admin) {
            return Optional.empty();
        }
        String open = visibility(spelling) + " IN ('public', 'community')";
        if (project == null) {
            return Optional.of(new Condition(open, List.of()));
        }
        List<Object> parameters = new ArrayList<>(List.of(project, project));
        Optional<String> status = statusFilter(memberStatus);
        status.ifPresent(parameters::add);
        return Optional.of(new Condition("(" + open + " OR images.owner = ? OR (" + visibility(spelling)
                + " = 'shared' AND " + memberExists(spelling, status.isPresent()) + "))", parameters));
    }

    /** Whether a list that names no visibility may show the image (it also needs {@link #lists}). */
    public boolean listsByDefault(Image image) {
        return image.visibility() != Visibility.COMMUNITY || (project != null && project.equals(image.owner()));
    }

    /** {@link #listsByDefault} as SQL. */
    public Condition listsByDefaultSql(SqlSpelling spelling) {
        if (project == null) {
            return new Condition(visibility(spelling) + " <> 'community'", List.of());
        }
        return new Condition("(images.owner = ? OR " + visibility(spelling) + " <> 'community')", List.of(project));
    }

    // --- members -----------------------------------------------------------------------------------------

    /** Which memberships of a visible image the requester sees: admins all, others the owner's or their own. */
    public boolean seesMembership(Image image, String memberProject) {
        return admin || (project != null && (project.equals(image.owner()) || project.equals(memberProject)));
    }

    private static boolean openToAll(Visibility visibility) {
        return visibility == Visibility.PUBLIC || visibility == Visibility.COMMUNITY;
    }

    private static Optional<String> statusFilter(String memberStatus) {
        requireNonNull(memberStatus, "memberStatus is null");
        return memberStatus.equals(ANY_MEMBER_STATUS) ? Optional.empty() : Optional.of(memberStatus);
    }

    /** Visibility values are inlined, never bound: PostgreSQL stores them as an enum. */
    private static String visibility(SqlSpelling spelling) {
        return spelling.unindexed("images.visibility");
    }

    private static String memberExists(SqlSpelling spelling, boolean byStatus) {
        return spelling.exists("image_members WHERE image_members.image_id = images.id"
                + " AND image_members.member = ? AND " + spelling.unindexed("image_members.deleted") + " = FALSE"
                + (byStatus ? " AND image_members.status = ?" : ""));
    }
}
