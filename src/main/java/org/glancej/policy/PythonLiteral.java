package org.glancej.policy;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The left side of a generic check read the way oslo.policy reads it: if Python's {@code ast.literal_eval}
 * accepts it ({@code 'public'}, {@code "shared"}, {@code True}, {@code None}, {@code 42}, {@code 1.5}) it is
 * a constant compared with the right side; a (dotted) name is a credential attribute; anything else
 * makes Python raise. Containers and bytes literals are not recognised (no policy uses them) and count
 * as errors.
 */
final class PythonLiteral {
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9](_?[0-9])*)");
    private static final Pattern PREFIXED = Pattern.compile("[+-]?0([xX](_?[0-9a-fA-F])+|[oO](_?[0-7])+|[bB](_?[01])+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(([0-9](_?[0-9])*)?\\.[0-9](_?[0-9])*|[0-9](_?[0-9])*\\.?)([eE][+-]?[0-9](_?[0-9])*)?");

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final Set<String> KEYWORDS = Set.of("and", "as", "assert", "async", "await", "break", "class",
            "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
            "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    private PythonLiteral() {
    }

    /** {@code str(ast.literal_eval(text))}, or empty when the text is not such a literal. */
    static Optional<String> strOf(String text) {
        switch (text) {
            case "True", "False", "None" -> {
                return Optional.of(text);
            }
            default -> {
            }
        }
        if (INTEGER.matcher(text).matches()) {
            return Optional.of(new BigInteger(text.replace("_", "")).toString());
        }
        if (PREFIXED.matcher(text).matches()) {
            boolean negative = text.startsWith("-");
            String body = text.replaceFirst("^[+-]", "").replace("_", "");
            int radix = switch (Character.toLowerCase(body.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            BigInteger value = new BigInteger(body.substring(2), radix);
            return Optional.of((negative ? value.negate() : value).toString());
        }
        if (FLOAT.matcher(text).matches() && (text.contains(".") || text.toLowerCase().contains("e"))) {
            return Optional.of(PythonFormat.str(Double.parseDouble(text.replace("_", ""))));
        }
        return quoted(text);
    }

    /** Whether the text is a name or dotted names ({@code project_id}, {@code user.enabled}). */
    static boolean isAttributePath(String text) {
        for (String name : text.split("\\.", -1)) {
            if (!IDENTIFIER.matcher(name).matches() || KEYWORDS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> quoted(String text) {
        String body = text.startsWith("u") || text.startsWith("U") ? text.substring(1) : text;
        if (body.length() < 2) {
            return Optional.empty();
        }
        char quote = body.charAt(0);
        if ((quote != '\'' && quote != '"') || body.charAt(body.length() - 1) != quote) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < body.length() - 1; i++) {
            char c = body.charAt(i);
            if (c == quote) {
                return Optional.empty();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= body.length() - 1) {
                return Optional.empty();
            }
            char escaped = body.charAt(i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '\'', '"' -> out.append(escaped);
                default -> out.append('\\').append(escaped);
            }
        }
        return Optional.of(out.toString());
    }
}
