package org.glancej.quota;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancej.config.ConfigException;

/**
 * The syntax of {@code [DEFAULT] user_storage_quota} as upstream reads it: digits, then optionally one of the
 * case-sensitive units B, KB, MB, GB, TB (binary multiples: KB is 1024 bytes), nothing in between.
 * Upstream only notices a bad value when an upload is checked (a 500); we refuse it at startup.
 */
final class StorageQuotaValue {
    // Python's \d matches any Unicode digit and int() reads them; Long.parseLong does too
    private static final Pattern SYNTAX = Pattern.compile("(\\d+)((K|M|G|T)?B)?", Pattern.UNICODE_CHARACTER_CLASS);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private StorageQuotaValue() {}

    /** The quota in bytes; 0 means no quota. Values beyond a long saturate (no usage can reach them). */
    static long parseBytes(String value) {
        Matcher m = SYNTAX.matcher(value);
        if (!m.matches()) {
            throw new ConfigException("invalid value for [DEFAULT] user_storage_quota = " + value
                    + ": expected a non-negative integer optionally followed by B, KB, MB, GB or TB");
        }
        int shift = switch (m.group(3) == null ? "" : m.group(3)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        BigInteger bytes = digits(m.group(1)).shiftLeft(shift);
        return bytes.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : bytes.longValue();
    }

    private static BigInteger digits(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> ascii.append((char) ('0' + Character.digit(cp, 10))));
        return new BigInteger(ascii.toString());
    }
}
