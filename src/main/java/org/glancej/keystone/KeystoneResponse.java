package org.glancej.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;
import org.glancej.keystone.KeystoneUnavailableException.Reason;

/**
 * One answer of Keystone's (after retries), for callers that read statuses themselves.
 *
 * @param request method and URL, for messages
 */
public record KeystoneResponse(String request, int status, HttpHeaders headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON, or {@code BAD_ANSWER}. */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new KeystoneUnavailableException(Reason.BAD_ANSWER, "Keystone answered " + request
                    + " with a body that is not JSON", e);
        }
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** {@code REFUSED}, with Keystone's own error message when it sent one. */
    public KeystoneUnavailableException refused(String what) {
        return new KeystoneUnavailableException(Reason.REFUSED, status, "Keystone refused " + what + " with HTTP "
                + status + errorSuffix());
    }

    /** {@code ": <error.message>"} from Keystone's error document, or nothing. */
    String errorSuffix() {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            String message = node == null ? "" : node.path("error").path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException e) {
            return ""; // no Keystone error document: the status says enough
        }
    }
}
