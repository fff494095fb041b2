package org.glancej.images;

import java.util.Locale;
import java.util.Optional;

public enum Visibility {
    PUBLIC, PRIVATE, SHARED, COMMUNITY;

    // asked once per image listed and parsed once per image read: worked out once
    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
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
