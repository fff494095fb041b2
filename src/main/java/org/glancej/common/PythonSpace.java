package org.glancej.common;

/**
 * Python's idea of whitespace, which upstream's parsing of request text relies on ({@code str.strip()},
 * {@code str.isspace()}, {@code \s}), so that edge cases answer alike.
 */
public final class PythonSpace {
    private PythonSpace() {
    }

    /**
     * {@code str.isspace()} for one character: Java's whitespace plus the no-break spaces (U+00A0, U+2007,
     * U+202F) and NEL (U+0085).
     */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0' || c == '\u2007' || c == '\u202f';
    }

    /** {@code str.strip()}. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
