package org.glancej.images.list;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses timestamps the way upstream does ({@code oslo_utils.timeutils.parse_isotime}, i.e. the
 * {@code iso8601} package, then {@code normalize_time}): {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD},
 * optionally {@code T} or a space and {@code hh[:mm[:ss[.f+]]]}, optionally {@code Z} or {@code ±hh[:mm]};
 * dashes and colons may be left out; no zone means UTC. The result is naive UTC.
 */
final class IsoTimestamp {
    // Same grammar as iso8601's ISO8601_REGEX; UNIX_LINES gives '$' Python's meaning (end, or before a final \n).
    private static final Pattern ISO8601 = Pattern.compile(
            "(?<year>[0-9]{4})"
                    + "(((-(?<monthdash>[0-9]{1,2}))|(?<month>[0-9]{2})(?!$))"
                    + "(((-(?<daydash>[0-9]{1,2}))|(?<day>[0-9]{2}))"
                    + "((?<separator>[ T])(?<hour>[0-9]{2})(:?(?<minute>[0-9]{2}))?"
                    + "(:?(?<second>[0-9]{1,2})([.,](?<fraction>[0-9]+))?)?"
                    + "(?<timezone>Z|((?<tzsign>[-+])(?<tzhour>[0-9]{2}):?(?<tzminute>[0-9]{2})?))?"
                    + ")?)?)?$",
            Pattern.UNIX_LINES);

    private IsoTimestamp() {
    }

    static Optional<LocalDateTime> parseUtc(String text) {
        Matcher m = ISO8601.matcher(text);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group("year")),
                    number(m, "month", number(m, "monthdash", 1)),
                    number(m, "day", number(m, "daydash", 1)),
                    number(m, "hour", 0),
                    number(m, "minute", 0),
                    number(m, "second", 0),
                    nanos(m.group("fraction")));
            if (local.getYear() < 1) {
                return Optional.empty(); // Python's datetime starts at year 1
            }
            LocalDateTime utc = local.minusMinutes(offsetMinutes(m));
            if (utc.getYear() < 1 || utc.getYear() > 9999) {
                return Optional.empty();
            }
            return Optional.of(utc);
        } catch (DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int number(Matcher m, String group, int fallback) {
        String value = m.group(group);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** Microsecond precision, truncated, as {@code int(Decimal("0." + f) * 1000000)}. */
    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String micros = (fraction + "000000").substring(0, 6);
        return Integer.parseInt(micros) * 1000;
    }

    /** Zone offset in minutes; Python accepts any offset strictly inside ±24h. */
    private static long offsetMinutes(Matcher m) {
        String sign = m.group("tzsign");
        if (sign == null) {
            return 0; // "Z" or no zone at all: UTC
        }
        long minutes = Long.parseLong(m.group("tzhour")) * 60 + number(m, "tzminute", 0);
        if (minutes >= 24 * 60) {
            throw new IllegalArgumentException("offset out of range");
        }
        return sign.equals("-") ? -minutes : minutes;
    }
}
