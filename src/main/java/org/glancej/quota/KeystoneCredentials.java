package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * The service user that reads limits from Keystone: keystoneauth's {@code password} / {@code v3password} options
 * of {@code [oslo_limit]}. Null components were not configured. The token is scoped to the system (usually
 * {@code system_scope = all}, as upstream's quota guide configures), to a project, to a domain, or unscoped.
 *
 * @param identityUrl the Identity v3 root, e.g. {@code http://controller:5000/v3}
 */
public record KeystoneCredentials(URI identityUrl, String userId, String username, String userDomainId,
        String userDomainName, String password, String systemScope, String projectId, String projectName,
        String projectDomainId, String projectDomainName, String domainId, String domainName) {

    public KeystoneCredentials {
        requireNonNull(identityUrl, "identityUrl is null");
        requireNonNull(password, "password is null");
        if (userId == null && username == null) {
            throw new IllegalArgumentException("userId or username is required");
        }
    }

    /** The password never shows up in logs or error messages. */
    @Override
    public String toString() {
        return "KeystoneCredentials[identityUrl=" + identityUrl + ", user=" + (userId != null ? userId : username)
                + ", scope=" + scopeDescription() + "]";
    }

    private String scopeDescription() {
        if (systemScope != null) {
            return "system " + systemScope;
        }
        if (projectId != null || projectName != null) {
            return "project " + (projectId != null ? projectId : projectName);
        }
        if (domainId != null || domainName != null) {
            return "domain " + (domainId != null ? domainId : domainName);
        }
        return "unscoped";
    }
}
