package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * A service user that authenticates to Keystone with a password: keystoneauth's {@code password} /
 * {@code v3password} options, as {@code [keystone_authtoken]}, {@code [oslo_limit]} and the Swift store's
 * references give them. Null components were not configured. The token is scoped to a trust, to the system
 * (usually {@code system_scope = all}, as upstream's quota guide configures), to a project, to a domain, or
 * unscoped.
 *
 * @param identityUrl the Identity v3 root, e.g. {@code http://controller:5000/v3}
 * @param trustId a trust this user is the trustee of (a multi-tenant store acting for a caller), or null
 */
public record KeystoneCredentials(URI identityUrl, String userId, String username, String userDomainId,
        String userDomainName, String password, String systemScope, String projectId, String projectName,
        String projectDomainId, String projectDomainName, String domainId, String domainName, String trustId) {

    /** A user named in a domain, scoped to a project named in a domain: the usual service user. */
    public static KeystoneCredentials projectUser(URI identityUrl, String username, String userDomainName,
            String password, String projectName, String projectDomainName) {
        return new KeystoneCredentials(identityUrl, null, username, null, userDomainName, password, null, null,
                projectName, null, projectDomainName, null, null, null);
    }

    /** The same user, its token scoped to the trust instead (Keystone's {@code OS-TRUST:trust} scope). */
    public KeystoneCredentials withTrust(String trust) {
        return new KeystoneCredentials(identityUrl, userId, username, userDomainId, userDomainName, password, null,
                null, null, null, null, null, null, requireNonNull(trust, "trust is null"));
    }

    public KeystoneCredentials {
        requireNonNull(identityUrl, "identityUrl is null");
        requireNonNull(password, "password is null");
        if (userId == null && username == null) {
            throw new IllegalArgumentException("userId or username is required");
        }
    }

    /** The v3 password-authentication body (identity API "Password authentication with scoped authorization"). */
    public ObjectNode authRequest() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        if (userId != null) {
            user.put("id", userId);
        } else {
            user.put("name", username);
            domain(user, userDomainId, userDomainName);
        }
        user.put("password", password);
        if (trustId != null) {
            auth.putObject("scope").putObject("OS-TRUST:trust").put("id", trustId);
        } else if (systemScope != null) {
            auth.putObject("scope").putObject("system").put(systemScope, true);
        } else if (projectId != null) {
            auth.putObject("scope").putObject("project").put("id", projectId);
        } else if (projectName != null) {
            ObjectNode project = auth.putObject("scope").putObject("project").put("name", projectName);
            domain(project, projectDomainId, projectDomainName);
        } else if (domainId != null || domainName != null) {
            domain(auth.putObject("scope"), domainId, domainName);
        }
        return body;
    }

    private static void domain(ObjectNode parent, String id, String name) {
        ObjectNode domain = parent.putObject("domain");
        if (id != null) {
            domain.put("id", id);
        } else {
            domain.put("name", name);
        }
    }

    /** The password never shows up in logs or error messages. */
    @Override
    public String toString() {
        return "KeystoneCredentials[identityUrl=" + identityUrl + ", user=" + (userId != null ? userId : username)
                + ", scope=" + scopeDescription() + "]";
    }

    private String scopeDescription() {
        if (trustId != null) {
            return "trust " + trustId;
        }
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
