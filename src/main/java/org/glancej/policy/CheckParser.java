package org.glancej.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses oslo.policy's policy language into {@link Check} trees. Precedence is {@code not} over
 * {@code and} over {@code or}, each left to right, as oslo.policy's reducer produces it; keywords ignore
 * case, check kinds do not. Anything that does not parse becomes {@link Check.Never} (oslo.policy fails
 * closed the same way), so a typo in a policy file denies rather than allows.
 */
final class CheckParser {
    private static final Logger LOG = LoggerFactory.getLogger(CheckParser.class);

    private sealed interface Token {
    }

    private enum Symbol implements Token { OPEN, CLOSE, AND, OR, NOT }

    private record Leaf(Check check) implements Token {
    }

    /** A whole whitespace-delimited token in quotes: the language has no place for it. */
    private record Quoted() implements Token {
    }

    private final List<Token> tokens;
    private int next;

    private CheckParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The policy language; the empty string allows everything. */
    static Check parse(String rule) {
        if (rule.isEmpty()) {
            return new Check.Always();
        }
        CheckParser parser = new CheckParser(tokenize(rule));
        Check check = parser.tokens.isEmpty() ? null : parser.expression();
        if (check == null || parser.next != parser.tokens.size()) {
            LOG.warn("cannot parse policy rule '{}': it will deny every request", rule);
            return new Check.Never();
        }
        return check;
    }

    /**
     * The legacy list-of-lists form: inner lists are and-ed, the outer list or-ed, a bare string counts as
     * a one-element list. An empty list allows everything; one holding only empty lists allows nothing.
     */
    static Check parseList(List<?> rule) {
        if (rule.isEmpty()) {
            return new Check.Always();
        }
        List<Check> alternatives = new ArrayList<>();
        for (Object inner : rule) {
            List<?> conjunction = inner instanceof String s ? (s.isEmpty() ? List.of() : List.of(s))
                    : inner instanceof List<?> list ? list : List.of(new Object());
            if (conjunction.isEmpty()) {
                continue;
            }
            List<Check> checks = conjunction.stream()
                    .map(c -> c instanceof String s ? single(s) : (Check) new Check.Never())
                    .toList();
            alternatives.add(checks.size() == 1 ? checks.getFirst() : new Check.And(checks));
        }
        return switch (alternatives.size()) {
            case 0 -> new Check.Never();
            case 1 -> alternatives.getFirst();
            default -> new Check.Or(alternatives);
        };
    }

    /** One {@code KIND:MATCH} check (or {@code @}, {@code !}); unknown or remote kinds fail closed. */
    static Check single(String text) {
        if (text.equals("!")) {
            return new Check.Never();
        }
        if (text.equals("@")) {
            return new Check.Always();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            LOG.warn("cannot understand policy check '{}': it will deny every request", text);
            return new Check.Never();
        }
        String kind = text.substring(0, colon);
        String match = text.substring(colon + 1);
        return switch (kind) {
            case "rule" -> new Check.RuleReference(match);
            case "role" -> new Check.RoleCheck(match);
            case "http", "https" -> new Check.Remote(text);
            default -> new Check.GenericCheck(kind, match);
        };
    }

    // expression := conjunction ('or' conjunction)*
    private Check expression() {
        List<Check> alternatives = new ArrayList<>();
        do {
            Check conjunction = conjunction();
            if (conjunction == null) {
                return null;
            }
            alternatives.add(conjunction);
        } while (accept(Symbol.OR));
        return alternatives.size() == 1 ? alternatives.getFirst() : new Check.Or(alternatives);
    }

    // conjunction := unary ('and' unary)*
    private Check conjunction() {
        List<Check> checks = new ArrayList<>();
        do {
            Check unary = unary();
            if (unary == null) {
                return null;
            }
            checks.add(unary);
        } while (accept(Symbol.AND));
        return checks.size() == 1 ? checks.getFirst() : new Check.And(checks);
    }

    // unary := 'not' unary | '(' expression ')' | check
    private Check unary() {
        if (accept(Symbol.NOT)) {
            Check negated = unary();
            return negated == null ? null : new Check.Not(negated);
        }
        if (accept(Symbol.OPEN)) {
            Check inner = expression();
            return inner != null && accept(Symbol.CLOSE) ? inner : null;
        }
        if (next < tokens.size() && tokens.get(next) instanceof Leaf leaf) {
            next++;
            return leaf.check();
        }
        return null;
    }

    private boolean accept(Symbol symbol) {
        if (next < tokens.size() && tokens.get(next) == symbol) {
            next++;
            return true;
        }
        return false;
    }

    /**
     * Splits on whitespace, then peels parentheses off each piece's ends: a check may contain parentheses
     * ({@code %(owner)s}) but never starts or ends with one.
     */
    private static List<Token> tokenize(String rule) {
        List<Token> tokens = new ArrayList<>();
        for (String piece : rule.split("(?U)\\s+")) {
            int start = 0;
            while (start < piece.length() && piece.charAt(start) == '(') {
                tokens.add(Symbol.OPEN);
                start++;
            }
            String open = piece.substring(start);
            int end = open.length();
            while (end > 0 && open.charAt(end - 1) == ')') {
                end--;
            }
            String word = open.substring(0, end);
            if (!word.isEmpty()) {
                tokens.add(switch (word.toLowerCase(Locale.ROOT)) {
                    case "and" -> Symbol.AND;
                    case "or" -> Symbol.OR;
                    case "not" -> Symbol.NOT;
                    default -> quoted(open) ? new Quoted() : new Leaf(single(word));
                });
            }
            for (int i = end; i < open.length(); i++) {
                tokens.add(Symbol.CLOSE);
            }
        }
        return tokens;
    }

    // Upstream tests the quotes before peeling closing parentheses: 'x') is a check, 'x' is not.
    private static boolean quoted(String piece) {
        if (piece.length() < 2) {
            return false;
        }
        char first = piece.charAt(0);
        return (first == '\'' || first == '"') && piece.charAt(piece.length() - 1) == first;
    }
}
