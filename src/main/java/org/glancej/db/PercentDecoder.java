package org.glancej.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-decoding as SQLAlchemy applies it to URL parts: {@code +} stays a plus sign. */
final class PercentDecoder {
    private PercentDecoder() {}

    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            int c = text.codePointAt(i);
            if (c != '%') {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
                continue;
            }
            if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                    || Character.digit(text.charAt(i + 2), 16) < 0) {
                throw new IllegalArgumentException("bad percent-escape at position " + i);
            }
            bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
