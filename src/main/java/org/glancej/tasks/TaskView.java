package org.glancej.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Tasks as upstream shows them: the tasks API's entity and list stub ({@code glance/api/v2/tasks.py}, times as
 * {@code 2026-01-02T03:04:05Z}), and the raw database form {@code GET /v2/images/{id}/tasks} returns (every
 * column, times as {@code 2026-01-02T03:04:05.000000}).
 */
public final class TaskView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter PRIMITIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private TaskView() {}

    public static ObjectNode entity(Task task) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("id", task.id());
        view.set("input", json(task.input()));
        view.put("type", task.type());
        view.put("status", task.status().wire());
        view.put("owner", task.owner());
        view.put("message", task.message() == null ? "" : task.message());
        view.set("result", json(task.result()));
        view.put("created_at", isotime(task.createdAt()));
        view.put("updated_at", isotime(task.updatedAt()));
        view.put("self", "/v2/tasks/" + task.id());
        view.put("schema", "/v2/schemas/task");
        putIfSet(view, "image_id", task.imageId());
        putIfSet(view, "request_id", task.requestId());
        putIfSet(view, "user_id", task.userId());
        if (task.expiresAt() != null) {
            view.put("expires_at", isotime(task.expiresAt()));
        }
        return view;
    }

    public static ObjectNode stub(Task task) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("id", task.id());
        view.put("type", task.type());
        view.put("status", task.status().wire());
        view.put("owner", task.owner());
        view.put("created_at", isotime(task.createdAt()));
        view.put("updated_at", isotime(task.updatedAt()));
        view.put("self", "/v2/tasks/" + task.id());
        view.put("schema", "/v2/schemas/task");
        if (task.expiresAt() != null) {
            view.put("expires_at", isotime(task.expiresAt()));
        }
        return view;
    }

    /** The form of {@code GET /v2/images/{id}/tasks}: upstream returns its database rows as they are. */
    public static ObjectNode row(Task task) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("id", task.id());
        view.put("type", task.type());
        view.put("status", task.status().wire());
        view.put("owner", task.owner());
        view.put("expires_at", primitive(task.expiresAt()));
        view.put("created_at", primitive(task.createdAt()));
        view.put("updated_at", primitive(task.updatedAt()));
        view.putNull("deleted_at");
        view.put("deleted", false);
        view.put("image_id", task.imageId());
        view.put("request_id", task.requestId());
        view.put("user_id", task.userId());
        view.set("input", json(task.input()));
        view.set("result", json(task.result()));
        view.put("message", task.message());
        return view;
    }

    private static void putIfSet(ObjectNode view, String name, String value) {
        if (value != null && !value.isEmpty()) {
            view.put(name, value);
        }
    }

    private static String isotime(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String primitive(Instant instant) {
        return instant == null ? null : PRIMITIVE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
