package org.glancej.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.glancej.common.GlanceException;

/**
 * A {@code POST /v2/tasks} body checked as upstream does: {@code type} and {@code input} required, then the
 * task schema (type and status values, value types of the other properties).
 */
public record TaskRequest(String type, JsonNode input) {
    private static final List<String> TYPES = List.of(Task.LEGACY_IMPORT, Task.API_IMAGE_IMPORT, Task.LOCATION_IMPORT);
    private static final List<String> STRINGS = List.of("id", "owner", "message", "image_id", "request_id", "user_id",
            "created_at", "updated_at", "self", "schema");

    public static TaskRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        for (String required : List.of("type", "input")) {
            if (!body.has(required)) {
                throw GlanceException.badRequest("Task '" + required + "' is required");
            }
        }
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            check(property.getKey(), property.getValue());
        }
        JsonNode input = body.get("input");
        if (input.isNull()) {
            input = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return new TaskRequest(body.get("type").asText(), input);
    }

    private static void check(String name, JsonNode value) {
        switch (name) {
            case "type" -> {
                if (!value.isTextual() || !TYPES.contains(value.asText())) {
                    throw invalid(repr(value) + " is not one of " + pyList(TYPES));
                }
            }
            case "status" -> {
                List<String> statuses = List.of("pending", "processing", "success", "failure");
                if (!value.isTextual() || !statuses.contains(value.asText())) {
                    throw invalid(repr(value) + " is not one of " + pyList(statuses));
                }
            }
            case "input", "result" -> {
                if (!value.isNull() && !value.isObject()) {
                    throw invalid(repr(value) + " is not of type 'null', 'object'");
                }
            }
            case "expires_at" -> {
                if (!value.isNull() && !value.isTextual()) {
                    throw invalid(repr(value) + " is not of type 'null', 'string'");
                }
            }
            default -> {
                if (STRINGS.contains(name) && !value.isTextual()) {
                    throw invalid(repr(value) + " is not of type 'string'");
                }
            }
        }
    }

    private static GlanceException invalid(String reason) {
        return GlanceException.badRequest("Provided object does not match schema 'task': " + reason);
    }

    private static String repr(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private static String pyList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "'" + v + "'").toList()) + "]";
    }
}
