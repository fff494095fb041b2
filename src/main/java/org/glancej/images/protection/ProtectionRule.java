package org.glancej.images.protection;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.glancej.auth.RequestContext;

/**
 * One section of the protection file: the properties whose name the regular expression finds anywhere in
 * (Python's {@code re.search}, not a full match), and who may do each operation on them.
 *
 * @param permissions per operation: lower-cased role names (roles format) or one policy rule name (policies
 *     format), either possibly {@code @} (everyone) or {@code !} (nobody); an empty list allows nobody
 */
record ProtectionRule(String section, Pattern pattern, Map<PropertyOperation, List<String>> permissions) {

    ProtectionRule {
        requireNonNull(section, "section is null");
        requireNonNull(pattern, "pattern is null");
        permissions = Map.copyOf(new EnumMap<>(permissions));
        if (permissions.size() != PropertyOperation.values().length) {
            throw new IllegalArgumentException("every operation needs its permissions: " + permissions.keySet());
        }
    }

    boolean matches(String property) {
        return pattern.matcher(property).find();
    }

    boolean permits(RequestContext ctx, PropertyOperation operation, boolean policies, PolicyCheck policyCheck) {
        List<String> allowed = permissions.get(operation);
        if (allowed.isEmpty() || allowed.contains("!")) {
            return false;
        }
        if (allowed.contains("@")) {
            return true;
        }
        if (policies) {
            return policyCheck.allowed(allowed.getFirst(), ctx);
        }
        return allowed.stream().anyMatch(ctx::hasRole);
    }
}
