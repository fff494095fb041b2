package org.glancej.images.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.images.ImageVisibility;
import org.glancej.images.list.ImageListQuery.VisibilityParam;

/**
 * Who may see which images of a list, with the list's {@code visibility} parameter folded in.
 *
 * <p>A non-admin's rule ({@link ImageVisibility#listsSql}: public or community, or their own, or shared with
 * them) ANDed with {@code visibility=private} leaves only their own private images, but no planner sees that:
 * PostgreSQL walked the whole {@code created_at} index (0.45 s at a million images, estimating that a project
 * owning an eighth of them had thousands of private images when it had none) and MariaDB intersected the
 * owner and visibility indexes and sorted. Spelled {@code owner = ? AND visibility = 'private'}, the page is a
 * range of {@code glancej_images_owner_visibility} (owner, visibility, created_at, id), in order, and empty
 * when the project owns none. The same rows: each case below is the rule restricted to one visibility.
 */
final class ScopeSql {
    private final PlannerHints hints;

    ScopeSql(PlannerHints hints) {
        this.hints = hints;
    }

    /** The conditions for {@code scope} and the parameter {@code visibility}; none when every image qualifies. */
    List<ImageVisibility.Condition> conditions(ListScope scope, Optional<VisibilityParam> visibility, String memberStatus,
            ImageVisibility.SqlSpelling spelling) {
        ImageVisibility rule = scope.visibility();
        Optional<ImageVisibility.Condition> sees = rule.listsSql(memberStatus, spelling);
        if (visibility.isEmpty()) {
            List<ImageVisibility.Condition> both = new ArrayList<>();
            sees.ifPresent(both::add);
            both.add(rule.listsByDefaultSql(spelling));
            return both;
        }
        return switch (visibility.get()) {
            case ALL -> sees.map(List::of).orElse(List.of());
            case EMPTY -> List.of(condition("FALSE"));
            // everyone lists every public and community image
            case PUBLIC -> List.of(condition(visibility() + " = 'public'"));
            case COMMUNITY -> List.of(condition(visibility() + " = 'community'"));
            // others' private images are listed to admins only; without a project, to nobody
            case PRIVATE -> sees.isEmpty() ? List.of(condition(visibility() + " = 'private'"))
                    : scope.projectId() == null ? List.of(condition("FALSE"))
                    : List.of(new ImageVisibility.Condition(
                            "images.owner = ? AND images.visibility = 'private'", List.of(scope.projectId())));
            case SHARED -> sees.isEmpty() ? List.of(condition(visibility() + " = 'shared'"))
                    : List.of(condition(visibility() + " = 'shared'"), sees.get());
        };
    }

    private static ImageVisibility.Condition condition(String sql) {
        return new ImageVisibility.Condition(sql, List.of());
    }

    /** VisibilityParam values are inlined, never bound: PostgreSQL stores them as an enum. */
    private String visibility() {
        return hints.unindexed("images.visibility");
    }
}
