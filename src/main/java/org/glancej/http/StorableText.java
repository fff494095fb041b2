package org.glancej.http;

import java.util.Optional;

/**
 * Text no database stores as sent: PostgreSQL refuses NUL, and MariaDB and PostgreSQL store an unpaired UTF-16
 * surrogate (which has no UTF-8 form) as {@code ?}. Requests carrying either are refused before any SQL.
 */
final class StorableText {
    private StorableText() {}

    /** Why {@code text} cannot be stored as sent, or empty if it can. */
    static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("NUL (U+0000) is not allowed");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("unpaired surrogate U+%04X is not allowed".formatted((int) c));
            }
        }
        return Optional.empty();
    }
}
