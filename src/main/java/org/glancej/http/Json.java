package org.glancej.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.glancej.common.GlanceException;

/** JSON bodies in and out. Request bodies are small documents, read with a size bound. */
public final class Json {
    /** Thread-safe once configured; shared by every resource. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;
    /** One JSON value and nothing after it, as Python's json.loads (upstream's parser) insists. */
    private static final ObjectReader BODY_READER = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses the request body as JSON; an empty or malformed body is a 400 as upstream answers it. */
    public static JsonNode readBody(ServerRequest req, ServerResponse res) {
        byte[] body;
        try (RequestBody in = RequestBody.of(req, res)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw GlanceException.badRequest(e.getMessage());
        }
        if (body.length > MAX_BODY_BYTES) {
            throw GlanceException.badRequest("Request body is too large.");
        }
        if (body.length == 0) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        JsonNode document;
        try {
            document = BODY_READER.readTree(utf8Text(body));
        } catch (IOException e) {
            throw GlanceException.badRequest("Malformed JSON in request body.");
        }
        requireStorableText(document);
        return document;
    }

    /** Refuses a body with a key or string no database stores as sent, wherever it sits in the document. */
    private static void requireStorableText(JsonNode node) {
        if (node.isTextual()) {
            refuseUnstorable(node.textValue());
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                refuseUnstorable(field.getKey());
                requireStorableText(field.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(Json::requireStorableText);
        }
    }

    private static void refuseUnstorable(String text) {
        StorableText.problem(text).ifPresent(problem -> {
            throw GlanceException.badRequest("Invalid character in request body: " + problem + ".");
        });
    }

    /**
     * The body as text the way upstream reads it: strict UTF-8, and no byte order mark (Python's json refuses
     * one), where Jackson would guess UTF-16 or UTF-32 and skip the mark.
     */
    private static String utf8Text(byte[] body) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
        if (text.startsWith("\uFEFF")) {
            throw new CharacterCodingException();
        }
        return text;
    }

    /** Writes a body that goes straight to a generator. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(JsonGenerator out) throws IOException;
    }

    /**
     * Sends a body written token by token instead of built as a tree first (a large list): into one buffer,
     * then with its length, as {@link #send(ServerResponse, int, JsonNode)} sends a tree.
     */
    public static void sendWritten(ServerResponse res, int status, BodyWriter body) {
        byte[] bytes;
        try (ByteArrayBuilder buffer = new ByteArrayBuilder(1 << 16);
                JsonGenerator out = MAPPER.createGenerator(buffer)) {
            body.write(out);
            out.flush();
            bytes = buffer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
        send(res, status, bytes);
    }

    public static void send(ServerResponse res, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
        send(res, status, bytes);
    }

    private static void send(ServerResponse res, int status, byte[] bytes) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }
}
