package org.glancej.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed check string, evaluated with oslo.policy's semantics. {@link #toString()} renders it back in
 * oslo.policy's canonical form (parenthesised and/or groups), which is also how logs show it.
 */
sealed interface Check {

    boolean test(Evaluation evaluation);

    /** {@code @} or an empty rule. */
    record Always() implements Check {
        public boolean test(Evaluation evaluation) {
            return true;
        }

        @Override
        public String toString() {
            return "@";
        }
    }

    /** {@code !}, and what anything unparsable becomes (fail closed). */
    record Never() implements Check {
        public boolean test(Evaluation evaluation) {
            return false;
        }

        @Override
        public String toString() {
            return "!";
        }
    }

    /** {@code rule:NAME}: the named rule, or the default rule when no rule has that name. */
    record RuleReference(String name) implements Check {
        public boolean test(Evaluation evaluation) {
            return evaluation.rule(name).map(evaluation::nested).orElse(false);
        }

        @Override
        public String toString() {
            return "rule:" + name;
        }
    }

    /** {@code role:NAME}: the caller holds the role, compared without case; NAME may use {@code %(key)s}. */
    record RoleCheck(String match) implements Check {
        public boolean test(Evaluation evaluation) {
            Optional<String> role = PythonFormat.format(match, evaluation.target());
            return role.isPresent() && evaluation.credentials().roles().stream()
                    .anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(role.get().toLowerCase(Locale.ROOT)));
        }

        @Override
        public String toString() {
            return "role:" + match;
        }
    }

    /**
     * {@code KIND:MATCH}: MATCH after substitution equals either the literal KIND ({@code 'public'},
     * {@code True}) or the credential KIND names, a dotted path into nested credentials where a list matches
     * when any element does. All comparisons are between Python {@code str()} renderings.
     */
    record GenericCheck(String kind, String match) implements Check {
        public boolean test(Evaluation evaluation) {
            Optional<String> expected = PythonFormat.format(match, evaluation.target());
            if (expected.isEmpty()) {
                return false;
            }
            Optional<String> literal = PythonLiteral.strOf(kind);
            if (literal.isPresent()) {
                return literal.get().equals(expected.get());
            }
            if (!PythonLiteral.isAttributePath(kind)) {
                throw new CheckError("'" + kind + "' is neither a Python literal nor a credential name");
            }
            return found(evaluation.credentialValues(), List.of(kind.split("\\.", -1)), expected.get());
        }

        private static boolean found(Object value, List<String> path, String expected) {
            if (path.isEmpty()) {
                return expected.equals(PythonFormat.str(value));
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new CheckError("cannot look up '" + path.getFirst() + "' in " + PythonFormat.str(value));
            }
            if (!map.containsKey(path.getFirst())) {
                return false;
            }
            Object next = map.get(path.getFirst());
            List<String> rest = path.subList(1, path.size());
            if (next instanceof List<?> list) {
                return list.stream().anyMatch(element -> found(element, rest, expected));
            }
            return found(next, rest, expected);
        }

        @Override
        public String toString() {
            return kind + ":" + match;
        }
    }

    /** {@code http:} and {@code https:} checks, which ask a remote server: not supported, so they deny. */
    record Remote(String check) implements Check {
        public boolean test(Evaluation evaluation) {
            throw new CheckError("remote policy checks are not supported: " + check);
        }

        @Override
        public String toString() {
            return check;
        }
    }

    record Not(Check check) implements Check {
        public Not {
            requireNonNull(check, "check is null");
        }

        public boolean test(Evaluation evaluation) {
            return !check.test(evaluation);
        }

        @Override
        public String toString() {
            return "not " + check;
        }
    }

    record And(List<Check> checks) implements Check {
        public And {
            checks = List.copyOf(checks);
        }

        public boolean test(Evaluation evaluation) {
            return checks.stream().allMatch(check -> check.test(evaluation));
        }

        @Override
        public String toString() {
            return checks.stream().map(Check::toString).collect(Collectors.joining(" and ", "(", ")"));
        }
    }

    record Or(List<Check> checks) implements Check {
        public Or {
            checks = List.copyOf(checks);
        }

        public boolean test(Evaluation evaluation) {
            return checks.stream().anyMatch(check -> check.test(evaluation));
        }

        @Override
        public String toString() {
            return checks.stream().map(Check::toString).collect(Collectors.joining(" or ", "(", ")"));
        }
    }
}
