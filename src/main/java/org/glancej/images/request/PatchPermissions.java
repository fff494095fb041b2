package org.glancej.images.request;

import org.glancej.images.Visibility;

/** What {@link ImagePatch#apply} needs to know about the caller, and where policy may veto a change. */
public interface PatchPermissions {
    /** For no-auth deployments and tests: an admin whom no policy restricts. */
    PatchPermissions UNRESTRICTED = () -> true;

    /** Admins may change an image's owner; others get 403. */
    boolean isAdmin();

    /**
     * Called before each add or replace of {@code visibility}, even to the current value, where upstream enforces
     * {@code publicize_image} (public) or {@code communitize_image} (community); throw a
     * {@link org.glancej.common.GlanceException} to refuse.
     */
    default void checkVisibility(Visibility requested) {}
}
