package org.glancej.images.protection;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigException;
import org.glancej.images.protection.PropertyProtectionConfig.RuleFormat;

/**
 * Who may create, read, update and delete which extra image properties (base attributes such as {@code name} are
 * never protected). The first rule, in file order, whose pattern is found in the property name decides; a name
 * no rule matches is denied every operation. Admins get no exemption: the roles or policies must say so.
 *
 * <p>How upstream's images API applies them, which the image service should follow:
 * <ul>
 * <li>every image shown (create, show, list, update responses) carries only {@link #readableProperties};
 * <li>create: {@link #checkCreate} for each extra property, 403 on the first refused;
 * <li>PATCH add / replace of a property: a property the caller cannot read counts as absent, so {@code replace}
 *     answers 409 "Property %s does not exist." and {@code add} needs create permission; for one it can read,
 *     update permission ({@link #checkSet} does both);
 * <li>PATCH remove: an unreadable property is absent (409 as above), otherwise {@link #checkDelete}.
 * </ul>
 * Properties the caller cannot read must survive its update untouched. (Upstream Zed deletes them when it
 * saves the image; we keep them.)
 */
public final class PropertyProtections {
    private final List<ProtectionRule> rules; // null when protections are off
    private final boolean policies;
    private final PolicyCheck policyCheck;

    private PropertyProtections(List<ProtectionRule> rules, boolean policies, PolicyCheck policyCheck) {
        this.rules = rules;
        this.policies = policies;
        this.policyCheck = policyCheck;
    }

    public static PropertyProtections disabled() {
        return new PropertyProtections(null, false, PolicyCheck.NONE);
    }

    /** Reads and validates the configured file at startup; invalid files throw {@link ConfigException}. */
    public static PropertyProtections load(PropertyProtectionConfig config, PolicyCheck policyCheck) {
        requireNonNull(policyCheck, "policyCheck is null");
        if (config.file().isEmpty()) {
            return disabled();
        }
        Path file = config.file().get();
        if (config.format() == RuleFormat.POLICIES && policyCheck == PolicyCheck.NONE) {
            throw new ConfigException("property_protection_rule_format = policies needs the policy engine");
        }
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), config.format(), policyCheck);
        } catch (IOException e) {
            throw new ConfigException("cannot read property protection file " + file + ": " + e.getMessage(), e);
        }
    }

    static PropertyProtections parse(String source, String text, RuleFormat format, PolicyCheck policyCheck) {
        boolean policies = format == RuleFormat.POLICIES;
        return new PropertyProtections(ProtectionFile.rules(source, text, policies), policies, policyCheck);
    }

    public boolean isEnabled() {
        return rules != null;
    }

    public boolean allows(RequestContext ctx, String property, PropertyOperation operation) {
        if (rules == null) {
            return true;
        }
        for (ProtectionRule rule : rules) {
            if (rule.matches(property)) {
                return rule.permits(ctx, operation, policies, policyCheck);
            }
        }
        return false;
    }

    /** The properties the caller may read, in their original order. */
    public Map<String, String> readableProperties(RequestContext ctx, Map<String, String> properties) {
        if (rules == null) {
            return properties;
        }
        Map<String, String> readable = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (allows(ctx, name, PropertyOperation.READ)) {
                readable.put(name, value);
            }
        });
        return readable;
    }

    public void checkCreate(RequestContext ctx, String property) {
        check(ctx, property, PropertyOperation.CREATE);
    }

    public void checkUpdate(RequestContext ctx, String property) {
        check(ctx, property, PropertyOperation.UPDATE);
    }

    public void checkDelete(RequestContext ctx, String property) {
        check(ctx, property, PropertyOperation.DELETE);
    }

    /** Setting a value: an update if the property exists and the caller can read it, a create otherwise. */
    public void checkSet(RequestContext ctx, String property, Map<String, String> current) {
        boolean visible = current.containsKey(property) && allows(ctx, property, PropertyOperation.READ);
        check(ctx, property, visible ? PropertyOperation.UPDATE : PropertyOperation.CREATE);
    }

    private void check(RequestContext ctx, String property, PropertyOperation operation) {
        if (!allows(ctx, property, operation)) {
            throw GlanceException.forbidden("Attribute '" + property + "' is reserved.");
        }
    }
}
