package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a caller may perform an operation, as upstream Glance's oslo.policy enforcer does:
 * Glance's registered defaults, overridden rule by rule by the operator's policy files (which may also add
 * rules of their own for others to refer to), each registered rule first checked against the token's scope.
 *
 * <pre>{@code
 * PolicyEnforcer policy = PolicyEnforcer.load(PolicyConfig.from(conf));
 * policy.enforce("get_images", PolicyTarget.project(ctx.projectId()), ctx);            // else 403
 * PolicyTarget target = PolicyTarget.image(image.id(), image.owner(), visibility, ctx).build();
 * policy.enforceOrHide("delete_image", target, ctx);                                   // 404 or 403
 * boolean visible = policy.allowed("get_image", target, ctx);                          // list filtering
 * }</pre>
 */
public final class PolicyEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEnforcer.class);
    private static final String NOT_FOUND = "The resource could not be found.";

    private final Map<String, Check> rules;
    private final Map<String, RuleDefault> registered;
    private final PolicyConfig config;
    private final Function<String, Optional<Check>> resolver;

    private PolicyEnforcer(Map<String, Check> rules, Map<String, RuleDefault> registered, PolicyConfig config) {
        this.rules = rules;
        this.registered = registered;
        this.config = config;
        this.resolver = this::resolve;
    }

    /** Glance's defaults with the overrides of the policy file and policy directories the config names. */
    public static PolicyEnforcer load(PolicyConfig config) {
        Map<String, Check> overrides = new LinkedHashMap<>();
        config.policyFile().ifPresent(file -> overrides.putAll(PolicyFile.load(file)));
        for (Path dir : config.policyDirs()) {
            policyFilesIn(dir).forEach(file -> overrides.putAll(PolicyFile.load(file)));
        }
        PolicyEnforcer enforcer = create(GlanceRules.defaults(), overrides, config);
        LOG.info("policy: {} rules, {} of them from {}{}; enforce_new_defaults={}, enforce_scope={}",
                enforcer.rules.size(), overrides.size(), config.policyFile().map(Path::toString).orElse("no policy file"),
                config.policyDirs().isEmpty() ? "" : " and " + config.policyDirs(),
                config.enforceNewDefaults(), config.enforceScope());
        return enforcer;
    }

    /**
     * Defaults and overrides combined as oslo.policy combines them: an override replaces the default of its
     * name; without one, a rule whose legacy default differs is "new or legacy" unless new defaults are
     * enforced.
     */
    static PolicyEnforcer create(List<RuleDefault> defaults, Map<String, Check> overrides, PolicyConfig config) {
        Map<String, Check> rules = new LinkedHashMap<>(overrides);
        Map<String, RuleDefault> registered = new LinkedHashMap<>();
        for (RuleDefault rule : defaults) {
            if (registered.put(rule.name(), rule) != null) {
                throw new IllegalArgumentException("policy rule " + rule.name() + " is registered twice");
            }
            rules.putIfAbsent(rule.name(), defaultCheck(rule, config.enforceNewDefaults()));
        }
        RuleReferences.requireAcyclic(rules);
        RuleReferences.undefined(rules).forEach((name, missing) -> LOG.warn(
                "policy rule {} refers to undefined rules {}: they stand for the '{}' rule", name, missing,
                config.defaultRule()));
        return new PolicyEnforcer(Collections.unmodifiableMap(rules), Collections.unmodifiableMap(registered), config);
    }

    private static Check defaultCheck(RuleDefault rule, boolean enforceNewDefaults) {
        Check check = CheckParser.parse(rule.check());
        if (enforceNewDefaults || rule.deprecatedCheck().isEmpty() || rule.deprecatedCheck().get().equals(rule.check())) {
            return check;
        }
        return new Check.Or(List.of(check, CheckParser.parse(rule.deprecatedCheck().get())));
    }

    /** Whether the rule allows the caller to act on the target. Unknown rule names are a programming error. */
    public boolean allowed(String rule, PolicyTarget target, RequestContext ctx) {
        return allowed(rule, target, Credentials.of(ctx));
    }

    public boolean allowed(String rule, PolicyTarget target, Credentials credentials) {
        Check check = rules.get(requireNonNull(rule, "rule is null"));
        if (check == null) {
            throw new IllegalArgumentException("no policy rule is registered or configured as " + rule);
        }
        return scopeAllows(rule, credentials) && allowedBy(check, requireNonNull(target, "target is null"), credentials);
    }

    /**
     * {@code rule:NAME} for the caller against an empty target, with no scope check: how upstream evaluates the
     * rules a property protection file names. A name no policy file defines stands for the default rule, as
     * oslo.policy's rule store answers for missing names.
     */
    public boolean allowsRuleReference(String name, RequestContext ctx) {
        return allowedBy(new Check.RuleReference(requireNonNull(name, "name is null")), PolicyTarget.empty(),
                Credentials.of(ctx));
    }

    /** A check that is no registered rule (no scope to check), evaluated against these rules. */
    boolean allowedBy(Check check, PolicyTarget target, Credentials credentials) {
        try {
            return check.test(Evaluation.of(credentials, target, resolver));
        } catch (CheckError e) {
            LOG.warn("policy check {} cannot be evaluated, denying: {}", check, e.getMessage());
            return false;
        }
    }

    /** Throws upstream's 403 ("You are not authorized to complete RULE action.") unless the rule allows. */
    public void enforce(String rule, PolicyTarget target, RequestContext ctx) {
        if (!allowed(rule, target, ctx)) {
            throw forbidden(rule);
        }
    }

    /**
     * {@link #enforce} for an operation on an existing image, hiding the image as upstream does: a caller who
     * may not even {@code get_image} it gets 404 (as if it did not exist), one who may see it 403.
     * Not for {@code add_image}, where there is nothing to hide (use {@link #enforce}).
     */
    public void enforceOrHide(String rule, PolicyTarget image, RequestContext ctx) {
        enforceOrHide(rule, "get_image", image, ctx);
    }

    /**
     * The same with another rule deciding visibility: upstream hides metadef namespaces (and what is in
     * them) behind {@code get_metadef_namespace}.
     */
    public void enforceOrHide(String rule, String visibilityRule, PolicyTarget target, RequestContext ctx) {
        if (allowed(rule, target, ctx)) {
            return;
        }
        if (rule.equals(visibilityRule) || !allowed(visibilityRule, target, ctx)) {
            throw GlanceException.notFound(NOT_FOUND);
        }
        throw forbidden(rule);
    }

    /**
     * {@code context_is_admin} for a validated token, for the authenticator to set
     * {@link RequestContext#isAdmin()}; evaluated, as upstream does, against the context's own values.
     */
    public boolean isAdmin(Credentials credentials) {
        return allowed("context_is_admin", credentials.asContextTarget(), credentials);
    }

    /** False when legacy defaults are in force; upstream then adds owner-or-admin checks of its own. */
    public boolean enforceNewDefaults() {
        return config.enforceNewDefaults();
    }

    private boolean scopeAllows(String rule, Credentials credentials) {
        RuleDefault registeredRule = registered.get(rule);
        if (registeredRule == null || registeredRule.scopeTypes().isEmpty()) {
            return true;
        }
        String scope = credentials.scope().name().toLowerCase(Locale.ROOT);
        if (registeredRule.scopeTypes().contains(scope)) {
            return true;
        }
        if (config.enforceScope()) {
            LOG.debug("policy {} is for {} scope; the token is {} scoped", rule, registeredRule.scopeTypes(), scope);
            return false;
        }
        LOG.warn("policy {} is for {} scope but a {} scoped token used it (enforce_scope = False)", rule,
                registeredRule.scopeTypes(), scope);
        return true;
    }

    // A name nobody defined means the default rule, as oslo.policy's rule store answers for missing names.
    private Optional<Check> resolve(String name) {
        Check check = rules.get(name);
        return check != null ? Optional.of(check) : Optional.ofNullable(rules.get(config.defaultRule()));
    }

    private static GlanceException forbidden(String rule) {
        return GlanceException.forbidden("You are not authorized to complete " + rule + " action.");
    }

    private static List<Path> policyFilesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list policy directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
