package org.glancej.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.glancej.common.GlanceException;

/**
 * Refuses a URL whose path or query decodes to text no database stores as sent (see {@link StorableText}) or
 * holds characters outside the Basic Multilingual Plane, or whose percent-encoded bytes are not UTF-8 (decoding
 * would silently turn them into U+FFFD). Ids, tags, member ids and list filters all come from the URL, so
 * checking it once here keeps them all out of SQL.
 */
final class UrlText implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        check(req.prologue().uriPath().rawPath());
        if (req.prologue().hasQuery()) {
            check(req.prologue().query().rawValue());
        }
        chain.proceed();
    }

    static void check(String raw) {
        if (plainAscii(raw)) {
            return; // the common case, an id or a simple filter: nothing to decode, nothing to refuse
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(percentDecoded(raw)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw GlanceException.badRequest("Invalid URL: its bytes are not valid UTF-8.");
        }
        StorableText.problem(decoded).ifPresent(problem -> {
            throw GlanceException.badRequest("Invalid character in URL: " + problem + ".");
        });
        // upstream's MariaDB/MySQL tables are 3-byte utf8: such text is never stored, and comparing it fails there
        if (decoded.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
            throw GlanceException.badRequest("Param values can't contain 4 byte unicode.");
        }
    }

    private static boolean plainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 0 || c == '%' || c > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The URL's bytes with each {@code %XX} decoded; a malformed escape is left as it is, for routing to judge.
     *
     * @throws CharacterCodingException for U+FFFD sent unescaped: the server reads bytes that are not UTF-8 in a
     *     request line as that character, so it stands for text lost before this check
     */
    private static byte[] percentDecoded(String raw) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\uFFFD') {
                throw new CharacterCodingException();
            }
            if (c == '%' && i + 2 < raw.length() && HexFormat.isHexDigit(raw.charAt(i + 1))
                    && HexFormat.isHexDigit(raw.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
