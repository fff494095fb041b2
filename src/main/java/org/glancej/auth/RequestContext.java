package org.glancej.auth;

import java.util.List;
import java.util.Locale;
import org.glancej.keystone.ServiceCatalog;
import org.glancej.store.StoreCaller;

/**
 * Who is calling, as established once per request from a validated token (never from headers the client
 * sends). Without authentication every request is the unauthenticated admin context: admin, no project, so
 * new images get no owner (as upstream).
 *
 * @param authToken the caller's token, for calls made on its behalf (null without authentication)
 * @param projectId the token's project; null for domain- and system-scoped tokens
 * @param domainId the domain of a domain-scoped token; null otherwise
 * @param systemScope {@code all} for a system-scoped token; null otherwise
 * @param roles effective role names (implied roles included), lower case
 * @param isAdmin whether {@code context_is_admin} holds for this caller
 * @param serviceCatalog the token's service catalog (keystonemiddleware's {@code X-Service-Catalog}); empty
 *     without authentication or when {@code include_service_catalog} is off
 */
public record RequestContext(String authToken, String userId, String userName, String userDomainId,
        String projectId, String projectName, String projectDomainId, String domainId, String systemScope,
        List<String> roles, boolean isAdmin, ServiceCatalog serviceCatalog) {

    public RequestContext {
        roles = roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        serviceCatalog = serviceCatalog == null ? ServiceCatalog.EMPTY : serviceCatalog;
    }

    /** A caller without a service catalog. */
    public RequestContext(String authToken, String userId, String userName, String userDomainId, String projectId,
            String projectName, String projectDomainId, String domainId, String systemScope, List<String> roles,
            boolean isAdmin) {
        this(authToken, userId, userName, userDomainId, projectId, projectName, projectDomainId, domainId,
                systemScope, roles, isAdmin, ServiceCatalog.EMPTY);
    }

    /** What a store may need of this caller to move data on its behalf. */
    public StoreCaller storeCaller() {
        return new StoreCaller(authToken, userId, projectId, roles, serviceCatalog);
    }

    public static RequestContext unauthenticatedAdmin() {
        return project(null, null, List.of("admin"), true);
    }

    /** No caller at all: the requests answered before authentication. */
    public static RequestContext anonymous() {
        return project(null, null, List.of(), false);
    }

    /** A project-scoped caller, as a validated token describes it. */
    public static RequestContext project(String userId, String projectId, List<String> roles, boolean isAdmin) {
        return new RequestContext(null, userId, null, null, projectId, null, null, null, null, roles, isAdmin);
    }

    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }

    /** Whether the token was scoped to the system rather than to a project or domain. */
    public boolean isSystemScoped() {
        return systemScope != null;
    }
}
