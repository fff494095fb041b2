package org.glancej.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the CRLF-terminated lines of HTTP/1.1's head, bounded so a hostile server cannot exhaust memory. */
final class HttpLines {
    static final int MAX_LINE = 16 * 1024;

    private HttpLines() {}

    /** One line without its line end (a bare LF is accepted too). */
    static String read(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the HTTP server closed the connection in the middle of its answer");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("the HTTP server sent a header line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
