package org.glancej.images;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Image ids as upstream's MariaDB/MySQL tables compare them: ignoring letter case, so {@code ABC...} and
 * {@code abc...} name one image. Ids are stored and looked up in one form, a UUID's canonical lower case,
 * so every database agrees and an id deleted in one case cannot be created again in another.
 */
public final class ImageIds {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ImageIds() {}

    /** A UUID in lower case; anything else (which names no image upstream creates) as given. */
    public static String canonical(String id) {
        return id != null && UUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : id;
    }
}
