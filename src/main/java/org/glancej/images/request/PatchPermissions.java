package org.glancej.images.request;

import org.glancej.images.Visibility;

/**
 * What {@link ImagePatch#apply} needs to know about the caller, and where policy, property protections and
 * quotas may veto a change: each hook runs where upstream checks it, before the operation changes anything,
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

    /**
     * Whether the caller may read this extra property. One it may not read is absent as far as the patch is
     * concerned: replacing or removing it answers 409 as for a missing property.
     */
    default boolean canRead(String property) {
        return true;
    }

    /**
     * Before an add or replace sets an extra property: an update when {@code visible} (it exists and the caller
     * can read it), else a create.
     */
    default void checkSetProperty(String property, boolean visible) {}

    /** Before a remove deletes an extra property the caller can read. */
    default void checkRemoveProperty(String property) {}

    /** Before an add or replace of {@code /tags}, with the tags as sent (duplicates count, as upstream's quota). */
    default void checkTags(int sent) {}

    /** The rules for {@code /locations} operations; hidden unless {@code show_multiple_locations} is on. */
    default LocationRules locations() {
        return LocationRules.HIDDEN;
    }
}
