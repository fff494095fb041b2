package org.glancej.images.list;

import static org.glancej.common.GlanceException.badRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Upstream's filter-value syntax: {@code op:value} and the quoted, comma-separated {@code in:} lists. */
final class FilterValues {
    /** A double-quoted value (backslash escapes kept verbatim), a run of non-commas, or a lone comma (empty). */
    private static final Pattern IN_ITEM = Pattern.compile(
            "\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\",?|([^,]+),?|,", Pattern.UNIX_LINES);

    private FilterValues() {
    }

    record OperatorAndValue(String operator, String value) {
    }

    /**
     * Splits {@code op:value}; no colon, or a value that is wholly an ISO 8601 timestamp (which has
     * colons of its own), means {@code eq}.
     */
    static OperatorAndValue splitOperator(String expression) {
        int colon = expression.indexOf(':');
        if (colon < 0 || IsoTimestamp.parseUtc(expression).isPresent()) {
            return new OperatorAndValue("eq", expression);
        }
        return new OperatorAndValue(expression.substring(0, colon), expression.substring(colon + 1));
    }

    /** The values of an {@code in:} list; quotes let a value contain commas. */
    static List<String> splitInList(String list) {
        validateQuotes(list);
        List<String> values = new ArrayList<>();
        Matcher m = IN_ITEM.matcher(list);
        while (m.find()) {
            String quoted = m.group(1);
            values.add(quoted != null && !quoted.isEmpty() ? quoted : m.group(2) != null ? m.group(2) : "");
        }
        return values;
    }

    private static void validateQuotes(String value) {
        boolean opening = true;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '"' || (i > 0 && value.charAt(i - 1) == '\\')) {
                continue;
            }
            if (opening && i > 0 && value.charAt(i - 1) != ',') {
                throw badRequest("Invalid filter value " + value
                        + ". There is no comma before opening quotation mark.");
            }
            if (!opening && i + 1 != value.length() && value.charAt(i + 1) != ',') {
                throw badRequest("Invalid filter value " + value
                        + ". There is no comma after closing quotation mark.");
            }
            opening = !opening;
        }
        if (!opening) {
            throw badRequest("Invalid filter value " + value + ". The quote is not closed.");
        }
    }
}
