package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One evaluation of a check: who is asking, about what, and the rules {@code rule:NAME} refers to.
 *
 * @param rules the check a rule name stands for (the default rule for unknown names), or empty
 * @param depth how many {@code rule:} references deep this evaluation is
 */
record Evaluation(Credentials credentials, Map<String, Object> credentialValues, PolicyTarget target,
        Function<String, Optional<Check>> rules, int depth) {
    // Cycles among defined rules are refused at load; this stops one through the default rule fallback.
    private static final int MAX_DEPTH = 50;

    Evaluation {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(target, "target is null");
        requireNonNull(rules, "rules is null");
    }

    static Evaluation of(Credentials credentials, PolicyTarget target, Function<String, Optional<Check>> rules) {
        return new Evaluation(credentials, credentials.values(), target, rules, 0);
    }

    Optional<Check> rule(String name) {
        return rules.apply(name);
    }

    boolean nested(Check check) {
        if (depth >= MAX_DEPTH) {
            throw new CheckError("rule references nest deeper than " + MAX_DEPTH + ": a rule refers to itself");
        }
        return check.test(new Evaluation(credentials, credentialValues, target, rules, depth + 1));
    }
}
