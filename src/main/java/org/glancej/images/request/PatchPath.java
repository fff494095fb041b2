package org.glancej.images.request;

import java.util.ArrayList;
import java.util.List;
import org.glancej.common.GlanceException;
import org.glancej.common.PythonSpace;

/**
 * Upstream's restricted JSON pointer: it must start with {@code /}, may not hold empty segments or a lone
 * {@code ~}, and each segment is unescaped ({@code ~1} → {@code /}, then {@code ~0} → {@code ~}) and stripped of
 * surrounding whitespace. Leading slashes collapse ({@code //name} is {@code /name}), as upstream's do.
 */
final class PatchPath {
    private PatchPath() {}

    static List<String> decode(String pointer) {
        validate(pointer);
        List<String> segments = new ArrayList<>();
        for (String part : stripLeadingSlashes(pointer).split("/", -1)) {
            segments.add(PythonSpace.strip(part.replace("~1", "/").replace("~0", "~")));
        }
        return segments;
    }

    private static void validate(String pointer) {
        if (!pointer.startsWith("/")) {
            throw invalid("Pointer `%s` does not start with \"/\".", pointer);
        }
        if (hasAdjacentSlashes(pointer.substring(1))) {
            throw invalid("Pointer `%s` contains adjacent \"/\".", pointer);
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw invalid("Pointer `%s` end with \"/\".", pointer);
        }
        if (PythonSpace.strip(pointer.substring(1)).equals("/")) {
            throw invalid("Pointer `%s` does not contains valid token.", pointer);
        }
        if (hasBadEscape(pointer)) {
            throw invalid("Pointer `%s` contains \"~\" not part of a recognized escape sequence.", pointer);
        }
    }

    /** Two slashes with only whitespace between them. */
    private static boolean hasAdjacentSlashes(String s) {
        int previousSlash = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/') {
                if (previousSlash >= 0) {
                    return true;
                }
                previousSlash = i;
            } else if (!PythonSpace.isSpace(c)) {
                previousSlash = -1;
            }
        }
        return false;
    }

    private static boolean hasBadEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '~' && (i + 1 == s.length() || (s.charAt(i + 1) != '0' && s.charAt(i + 1) != '1'))) {
                return true;
            }
        }
        return false;
    }

    private static String stripLeadingSlashes(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == '/') {
            start++;
        }
        return s.substring(start);
    }

    private static GlanceException invalid(String template, String pointer) {
        return GlanceException.badRequest(template.formatted(pointer));
    }
}
