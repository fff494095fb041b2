package org.glancej.images;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    /**
     * The spellings to look {@code ids} up by: each as given, and a UUID in upper case too, which is how an
     * older writer may have stored an id a client chose (upstream keeps the case as sent).
     */
    public static List<String> storedForms(List<String> ids) {
        Set<String> forms = new LinkedHashSet<>();
        for (String id : ids) {
            forms.add(id);
            if (id != null && UUID.matcher(id).matches()) {
                forms.add(id.toLowerCase(Locale.ROOT));
                forms.add(id.toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(forms);
    }

    /** A UUID in lower case; anything else (which names no image upstream creates) as given. */
    public static String canonical(String id) {
        return id != null && UUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : id;
    }
}
