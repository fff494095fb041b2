package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;

/**
 * What a token says about its caller, under the names check strings use for it: those of oslo.context's
 * {@code to_policy_values()} ({@code user_id}, {@code user_domain_id}, {@code project_id},
 * {@code project_domain_id}, {@code domain_id}, {@code system_scope}, {@code roles},
 * {@code is_admin_project}, the {@code service_*} values of a service token) plus {@code system}, which
 * oslo.policy copies from {@code system_scope}. Like upstream there is no {@code is_admin}: a policy file
 * rule {@code is_admin:True} never matches; {@code rule:context_is_admin} is the way to say "admin".
 *
 * <p>Built from a {@link RequestContext}, or directly from a validated token by the authenticator before a
 * context exists (to decide {@code context_is_admin}).
 *
 * @param roles role names (a generic {@code roles:NAME} check compares them case-sensitively; {@code role:}
 *        ignores case)
 */
public record Credentials(String userId, String userDomainId, String projectId, String projectDomainId,
        String domainId, String systemScope, List<String> roles) {

    /** The scope of the token, which oslo.policy compares with a rule's scope types. */
    public enum Scope { SYSTEM, DOMAIN, PROJECT }

    public Credentials {
        roles = List.copyOf(requireNonNull(roles, "roles is null"));
    }

    public static Credentials of(RequestContext ctx) {
        return new Credentials(ctx.userId(), ctx.userDomainId(), ctx.projectId(), ctx.projectDomainId(),
                ctx.domainId(), ctx.systemScope(), ctx.roles());
    }

    /** System if the token has a system scope, else domain if it names a domain, else project (as oslo.policy). */
    public Scope scope() {
        if (systemScope != null && !systemScope.isEmpty()) {
            return Scope.SYSTEM;
        }
        return domainId != null && !domainId.isEmpty() ? Scope.DOMAIN : Scope.PROJECT;
    }

    /** The credential dictionary generic checks look into; values may be null, as Python's None. */
    Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user_id", userId);
        values.put("user_domain_id", userDomainId);
        values.put("system_scope", systemScope);
        values.put("domain_id", domainId);
        values.put("project_id", projectId);
        values.put("project_domain_id", projectDomainId);
        values.put("roles", roles);
        // keystonemiddleware reports no admin project unless configured to: oslo.context then assumes true
        values.put("is_admin_project", true);
        values.put("service_user_id", null);
        values.put("service_user_domain_id", null);
        values.put("service_project_id", null);
        values.put("service_project_domain_id", null);
        values.put("service_roles", List.of());
        if (scope() == Scope.SYSTEM) {
            values.put("system", systemScope);
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * The target upstream evaluates {@code context_is_admin} against: the request context as a dictionary
     * ({@code RequestContext.to_dict()}), minus the token itself and request bookkeeping.
     */
    PolicyTarget asContextTarget() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user", userId);
        values.put("project_id", projectId);
        values.put("system_scope", systemScope);
        values.put("project", projectId);
        values.put("domain", domainId);
        values.put("user_domain", userDomainId);
        values.put("project_domain", projectDomainId);
        values.put("is_admin", false);
        values.put("roles", roles);
        values.put("is_admin_project", true);
        return PolicyTarget.of(values);
    }
}
