package org.glancej.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.glancej.common.GlanceException;

/** JSON bodies in and out. Request bodies are small documents, read with a size bound. */
public final class Json {
    /** Thread-safe once configured; shared by every resource. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses the request body as JSON; an empty or malformed body is a 400 as upstream answers it. */
    public static JsonNode readBody(ServerRequest req) {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw GlanceException.badRequest("Request body is too large.");
        }
        if (body.length == 0) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(body);
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

    public static void send(ServerResponse res, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }
}
