package org.glancej.db;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glancej.common.GlanceException;

/**
 * Which names upstream's MariaDB/MySQL tables cannot tell apart. Their text columns use a case- and
 * accent-insensitive collation with PAD SPACE ({@code utf8mb3_general_ci}), so {@code Foo}, {@code foo},
 * {@code fóo} and {@code foo } are one property name there and one tag to a delete. The service refuses such
 * pairs on every database, so that no database merges or drops one of them behind the answer's back.
 * The key approximates the collation (accents removed by canonical decomposition, simple upper-casing,
 * trailing spaces ignored), erring on the side of calling names equal.
 */
public final class ColumnCollation {
    private ColumnCollation() {}

    /** Equal for two names the collation compares equal. */
    public static String key(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == ' ') {
            end--;
        }
        String decomposed = Normalizer.normalize(name.substring(0, end), Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .map(c -> c == 'ß' ? 'S' : Character.toUpperCase(c))
                .forEach(key::appendCodePoint);
        return key.toString();
    }

    /**
     * Refuses {@code names} (in order) if two of them collide, naming the first such pair; a pair both of which
     * are {@code alreadyStored} passes (an older writer stored it; refusing it would block every change).
     *
     * @param what the plural noun for the message, e.g. "Property names" or "Tags"
     */
    public static void refuseCollisions(String what, List<String> names, Set<String> alreadyStored) {
        firstCollision(names, alreadyStored).ifPresent(pair -> {
            throw GlanceException.conflict(what + " '" + pair.get(0) + "' and '" + pair.get(1) + "' differ only in"
                    + " letter case, accents or trailing spaces, so they cannot both be stored.");
        });
    }

    static Optional<List<String>> firstCollision(List<String> names, Set<String> alreadyStored) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (String name : names) {
            List<String> sameKey = byKey.computeIfAbsent(key(name), k -> new ArrayList<>());
            for (String earlier : sameKey) {
                if (!earlier.equals(name) && !(alreadyStored.contains(earlier) && alreadyStored.contains(name))) {
                    return Optional.of(List.of(earlier, name));
                }
            }
            sameKey.add(name);
        }
        return Optional.empty();
    }
}
