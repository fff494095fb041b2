package org.glancej.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.glancej.common.ErrorKind;

/**
 * The explanation in a stage host's error answer, to relay to the client: the {@code message} of a Glance JSON
 * fault (webob's, or keystonemiddleware's {@code error.message}) without webob's template, else the status's
 * title (upstream relays only the status and reason; the message says more).
 */
final class StageHostAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StageHostAnswers() {}

    static String explanation(int status, byte[] body) {
        String fallback = ErrorKind.ofStatus(status).map(ErrorKind::title).orElse("Stage host answered " + status);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return fallback;
        }
        if (json == null || !json.isObject()) {
            return fallback;
        }
        JsonNode message = json.path("message");
        if (!message.isTextual()) {
            message = json.path("error").path("message");
        }
        if (!message.isTextual()) {
            return fallback;
        }
        // webob's template: the explanation, two line breaks, then the detail (the specific part) if any
        String text = message.asText();
        int template = text.indexOf("<br /><br />");
        if (template >= 0) {
            String detail = text.substring(template + "<br /><br />".length()).strip();
            text = detail.isEmpty() ? text.substring(0, template) : detail;
        }
        text = text.strip();
        return text.isEmpty() ? fallback : text;
    }
}
