package org.glancej.images;

import java.util.Locale;

/**
 * Image ids as upstream's MariaDB/MySQL tables compare them: ignoring letter case, so {@code ABC...} and
 * {@code abc...} name one image. Ids are stored and looked up in one form, a UUID's canonical lower case,
 * so every database agrees and an id deleted in one case cannot be created again in another.
 */
public final class ImageIds {

    private ImageIds() {}

    /** A UUID in lower case; anything else (which names no image upstream creates) as given. */
    public static String canonical(String id) {
        return id != null && isUuid(id) ? id.toLowerCase(Locale.ROOT) : id;
    }

    /** 8-4-4-4-12 hex digits; checked by hand since every image load asks, once per id. */
    private static boolean isUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }
}
