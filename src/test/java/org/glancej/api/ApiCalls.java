package org.glancej.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.glancej.http.Json;

/** JSON requests to a test server, with or without a token, and the pieces of answers tests look at. */
final class ApiCalls {
    private final ApiServerExtension server;

    ApiCalls(ApiServerExtension server) {
        this.server = server;
    }

    /** PATCH bodies go as JSON-patch (v2.1), other bodies as JSON; a null token sends none. */
    HttpResponse<String> send(String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = server.request(path);
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (method.equals("PATCH")) {
            request.header("Content-Type", "application/openstack-images-v2.1-json-patch");
        } else if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return server.send(request.method(method, body == null ? BodyPublishers.noBody()
                : BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(null, method, path, body);
    }

    /** Creates an image, failing the test unless it is created; returns its id. */
    String create(String token, String body) throws Exception {
        HttpResponse<String> created = send(token, "POST", "/v2/images", body);
        if (created.statusCode() != 201) {
            throw new AssertionError("create answered " + created.statusCode() + ": " + created.body());
        }
        return json(created).get("id").asText();
    }

    JsonNode show(String token, String id) throws Exception {
        HttpResponse<String> shown = send(token, "GET", "/v2/images/" + id, null);
        if (shown.statusCode() != 200) {
            throw new AssertionError("show answered " + shown.statusCode() + ": " + shown.body());
        }
        return json(shown);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    /** The explanation of an error answered as JSON, without webob's trailing markup. */
    static String message(HttpResponse<String> response) throws IOException {
        String message = json(response).get("message").asText();
        int end = message.indexOf("<br />");
        return end < 0 ? message : message.substring(0, end);
    }
}
