package org.glancej.images.list;

import org.glancej.images.ImageVisibility;

/**
 * Who is listing; {@link ImageVisibility} decides what that lets them see.
 *
 * @param projectId the caller's project, or null (no-auth mode, or a token without a project)
 */
public record ListScope(boolean admin, String projectId) {

    public static ListScope admin(String projectId) {
        return new ListScope(true, projectId);
    }

    public static ListScope user(String projectId) {
        return new ListScope(false, projectId);
    }

    public ImageVisibility visibility() {
        return ImageVisibility.of(admin, projectId);
    }
}
