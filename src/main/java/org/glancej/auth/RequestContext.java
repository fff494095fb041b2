package org.glancej.auth;

import java.util.List;

/**
 * Who is calling, as established once per request. Without authentication every request is the
 * unauthenticated admin context: admin, no project, so new images get no owner (as upstream).
 */
public record RequestContext(String userId, String projectId, List<String> roles, boolean isAdmin) {

    public RequestContext {
        roles = List.copyOf(roles);
    }

    public static RequestContext unauthenticatedAdmin() {
        return new RequestContext(null, null, List.of("admin"), true);
    }
}
