package org.glancej.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The two bits of Python that oslo.policy's string matching rests on: {@code str(value)}, which every
 * comparison uses, and {@code template % target}, which fills {@code %(key)s} from the target. Matching them
 * is what makes {@code True:%(x)s} or {@code project_id:%(owner)s} with a missing owner behave as upstream.
 */
final class PythonFormat {
    private PythonFormat() {
    }

    /** Python's {@code str()} of a credential or target value (string, boolean, number, null, list, map). */
    static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case String s -> s;
            case Boolean b -> b ? "True" : "False";
            case Double d -> floatStr(d);
            case Float f -> floatStr(f.doubleValue());
            case Number n -> n.toString();
            case List<?> list -> list.stream().map(PythonFormat::repr).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            default -> value.toString();
        };
    }

    private static String repr(Object value) {
        if (!(value instanceof String s)) {
            return str(value);
        }
        char quote = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c == quote ? "\\" + c : String.valueOf(c));
            }
        }
        return out.append(quote).toString();
    }

    // Python prints integral floats with ".0" (1.0, 250.0); other values are rare in policies.
    private static String floatStr(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }

    /**
     * Python's {@code template % target} for the forms check strings use: {@code %(key)s} and {@code %%}.
     * Empty when a key is not in the target (oslo.policy then fails the check).
     *
     * @throws CheckError for any other conversion or a malformed template, where Python raises
     */
    static Optional<String> format(String template, PolicyTarget target) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
            } else if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
            } else if (i + 1 < template.length() && template.charAt(i + 1) == '(') {
                int close = closingParen(template, i + 1);
                if (close < 0) {
                    throw new CheckError("unterminated %(key) in '" + template + "'");
                }
                String key = template.substring(i + 2, close);
                if (!target.contains(key)) {
                    return Optional.empty();
                }
                if (close + 1 >= template.length() || template.charAt(close + 1) != 's') {
                    throw new CheckError("only %(key)s substitutions are supported: '" + template + "'");
                }
                out.append(str(target.value(key)));
                i = close + 2;
            } else {
                throw new CheckError("a lone % in '" + template + "'");
            }
        }
        return Optional.of(out.toString());
    }

    // Python lets the key itself hold balanced parentheses: %(a(b)c)s names "a(b)c".
    private static int closingParen(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            if (template.charAt(i) == '(') {
                depth++;
            } else if (template.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
