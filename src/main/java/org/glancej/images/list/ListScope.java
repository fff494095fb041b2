package org.glancej.images.list;

import java.util.Optional;

/**
 * Who is listing: an admin sees every image (subject to the visibility rules of the list itself); a
 * regular user sees public and community images, their project's own, and shared images their project
 * is a member of.
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

    public Optional<String> project() {
        return Optional.ofNullable(projectId);
    }
}
