package org.glancej.images.list;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.glancej.common.PythonSpace;

/** The few Python string rules upstream's list parsing relies on, so that edge cases answer alike. */
final class PythonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PythonText() {
    }

    /**
     * {@code int(s)}: surrounding whitespace, an optional sign, decimal digits (any script) with single
     * underscores between them. Empty when Python would raise {@code ValueError}.
     */
    static Optional<BigInteger> parseInt(String s) {
        String t = PythonSpace.strip(s);
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        StringBuilder digits = new StringBuilder();
        boolean lastWasDigit = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                if (!lastWasDigit) {
                    return Optional.empty();
                }
                lastWasDigit = false;
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                digits.append(Character.digit(c, 10));
                lastWasDigit = true;
            } else {
                return Optional.empty();
            }
        }
        if (!lastWasDigit) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(digits.toString());
        return Optional.of(negative ? value.negate() : value);
    }

    /** Clamps to the long range, which is all a bigint column can hold anyway. */
    static long clampToLong(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** {@code urllib.parse.quote_plus}: UTF-8, keeps {@code A-Z a-z 0-9 _ . - ~}, space becomes {@code +}. */
    static String quotePlus(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
