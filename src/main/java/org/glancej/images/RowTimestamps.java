package org.glancej.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.glancej.db.Dialect;

/**
 * Reads the timestamp columns of many rows (two per image, 2,000 on a page of 1,000 images) from their text,
 * which every driver gives as {@code yyyy-MM-dd HH:mm:ss[.f...]}, digit by digit: the drivers' own decoding goes
 * through their formatters and calendars. Any other text is read as {@link Dialect#getTimestamp} reads it.
 */
final class RowTimestamps {
    private static final int SECONDS_LENGTH = "yyyy-MM-dd HH:mm:ss".length();

    private final Dialect dialect;

    RowTimestamps(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The column's instant (naive UTC, as upstream stores it); {@code null} for SQL NULL. */
    Instant read(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        Instant parsed = parse(text);
        return parsed != null ? parsed : dialect.getTimestamp(rs, rs.getMetaData().getColumnLabel(column));
    }

    /** The instant of {@code yyyy-MM-dd[ T]HH:mm:ss[.f...]} in UTC, or null for any other text. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SECONDS_LENGTH || length == SECONDS_LENGTH + 1 || length > SECONDS_LENGTH + 10
                || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
                || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > SECONDS_LENGTH && text.charAt(SECONDS_LENGTH) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        if (length > SECONDS_LENGTH) {
            int fraction = digits(text, SECONDS_LENGTH + 1, length - SECONDS_LENGTH - 1);
            if (fraction < 0) {
                return null;
            }
            for (int i = length - SECONDS_LENGTH - 1; i < 9; i++) {
                fraction *= 10;
            }
            nanos = fraction;
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a zero date and the like: the driver knows what it stands for
        }
    }

    /** The decimal number of {@code width} digits at {@code at}, or -1 when one is not a digit. */
    private static int digits(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
