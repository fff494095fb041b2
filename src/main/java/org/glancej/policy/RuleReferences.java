package org.glancej.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glancej.config.ConfigException;

/**
 * The {@code rule:NAME} references between rules, checked once when the rules are assembled: a cycle
 * would never finish evaluating, so it stops startup; a reference to a rule nobody defined is legal (it
 * falls back to the default rule) but usually a typo, so it is reported.
 */
final class RuleReferences {
    private RuleReferences() {
    }

    /** Each rule that refers to undefined rules, with those names. */
    static Map<String, Set<String>> undefined(Map<String, Check> rules) {
        Map<String, Set<String>> undefined = new LinkedHashMap<>();
        rules.forEach((name, check) -> {
            for (String target : referencedBy(check)) {
                if (!rules.containsKey(target)) {
                    undefined.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(target);
                }
            }
        });
        return undefined;
    }

    /** Throws when defined rules refer to each other in a circle, naming the circle. */
    static void requireAcyclic(Map<String, Check> rules) {
        Set<String> done = new HashSet<>();
        for (String start : rules.keySet()) {
            visit(start, rules, new ArrayDeque<>(), done);
        }
    }

    private static void visit(String name, Map<String, Check> rules, Deque<String> path, Set<String> done) {
        if (done.contains(name) || !rules.containsKey(name)) {
            return;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.reversed());
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(name), cycle.size()));
            cycle.add(name);
            throw new ConfigException("policy rules refer to each other in a circle: " + String.join(" -> ", cycle));
        }
        path.push(name);
        for (String target : referencedBy(rules.get(name))) {
            visit(target, rules, path, done);
        }
        path.pop();
        done.add(name);
    }

    static Set<String> referencedBy(Check check) {
        Set<String> names = new LinkedHashSet<>();
        collect(check, names);
        return names;
    }

    private static void collect(Check check, Set<String> names) {
        switch (check) {
            case Check.RuleReference reference -> names.add(reference.name());
            case Check.Not not -> collect(not.check(), names);
            case Check.And and -> and.checks().forEach(c -> collect(c, names));
            case Check.Or or -> or.checks().forEach(c -> collect(c, names));
            default -> {
            }
        }
    }
}
