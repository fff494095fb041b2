package org.glancej.images.protection;

import org.glancej.auth.RequestContext;

/**
 * Evaluates a named rule of the policy file for {@code property_protection_rule_format = policies}. Upstream
 * enforces {@code rule:<name>} with an empty target, so rules that read target attributes (such as
 * {@code %(owner)s}) do not match; a name no policy file defines stands for the default rule, as in oslo.policy.
 * The service passes {@link org.glancej.policy.PolicyEnforcer#allowsRuleReference}.
 */
@FunctionalInterface
public interface PolicyCheck {
    boolean allowed(String rule, RequestContext ctx);

    /** For the roles format, where no policy is consulted. */
    PolicyCheck NONE = (rule, ctx) -> {
        throw new IllegalStateException("no policy engine to evaluate rule " + rule);
    };
}
