package org.glancej.images;

import java.util.Locale;
import java.util.Optional;

public enum Visibility {
    PUBLIC, PRIVATE, SHARED, COMMUNITY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> parse(String value) {
        for (Visibility v : values()) {
            if (v.wire().equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
