package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A rule Glance registers: its name, its default check string, the legacy check string it replaced (which
 * {@code enforce_new_defaults = False} still accepts), the token scopes it is meant for (empty: any), and
 * the API operations it guards ("METHOD /path"; empty for rules other rules refer to).
 */
public record RuleDefault(String name, String check, Optional<String> deprecatedCheck, List<String> scopeTypes,
        List<String> operations) {

    public RuleDefault {
        requireNonNull(name, "name is null");
        requireNonNull(check, "check is null");
        requireNonNull(deprecatedCheck, "deprecatedCheck is null");
        scopeTypes = List.copyOf(scopeTypes);
        operations = List.copyOf(operations);
    }

    /** A rule other rules build on: no scope, no operation. */
    static RuleDefault base(String name, String check) {
        return new RuleDefault(name, check, Optional.empty(), List.of(), List.of());
    }

    /** A project-scoped rule guarding operations, without a legacy default. */
    static RuleDefault project(String name, String check, String... operations) {
        return new RuleDefault(name, check, Optional.empty(), List.of("project"), List.of(operations));
    }

    /** A project-scoped rule guarding operations, which replaced a legacy default of the same name. */
    static RuleDefault project(String name, String check, Legacy legacy, String... operations) {
        return new RuleDefault(name, check, Optional.of(legacy.check()), List.of("project"), List.of(operations));
    }

    /** The legacy check string of a rule. */
    record Legacy(String check) {
    }
}
