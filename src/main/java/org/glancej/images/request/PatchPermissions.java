package org.glancej.images.request;

import org.glancej.images.Visibility;

/**
 * What {@link ImagePatch#apply} needs to know about the caller, and where policy and quotas may veto a change: each hook runs where upstream checks it, before the operation changes anything,
 * and refuses by throwing a {@link org.glancej.common.GlanceException}.
 */
public interface PatchPermissions {
    /** For no-auth deployments and tests: an admin whom no policy restricts. */
    PatchPermissions UNRESTRICTED = () -> true;

    /** Admins may change an image's owner; others get 403. */
    boolean isAdmin();

    /**
     * Called before each add or replace of {@code visibility}, even to the current value, where upstream enforces
     * {@code publicize_image} (public) or {@code communitize_image} (community).
     */
    default void checkVisibility(Visibility requested) {}

    /** Before an add or replace of {@code /tags}, with the tags as sent (duplicates count, as upstream's quota). */
    default void checkTags(int sent) {}
}
