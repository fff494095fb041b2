package org.glancej.http.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.glancej.common.SchemaNodes.UUID_PATTERN;
import static org.glancej.common.SchemaNodes.object;
import static org.glancej.common.SchemaNodes.strings;

/**
 * The task entity's properties, as in upstream's {@code glance/api/v2/tasks.py}. The list view
 * (and so the tasks collection schema) leaves out {@code input}, {@code result} and {@code message}.
 */
final class TaskProperties {
    static final List<String> TYPES = List.of("import", "api_image_import");
    static final List<String> STATUSES = List.of("pending", "processing", "success", "failure");

    private TaskProperties() {}

    static ObjectNode full() {
        ObjectNode p = object();
        p.set("id", described("An identifier for the task").put("pattern", UUID_PATTERN).put("type", "string"));
        p.set("type", enumerated("The type of task represented by this content", TYPES));
        p.set("status", enumerated("The current status of this task", STATUSES));
        p.set("input", nullable("The parameters required by task, JSON blob", "object"));
        p.set("result", nullable("The result of current task, JSON blob", "object"));
        p.set("owner", described("An identifier for the owner of this task").put("type", "string"));
        p.set("message", described("Human-readable informative message only included when appropriate "
                + "(usually on failure)").put("type", "string"));
        p.set("image_id", described("Image associated with the task").put("type", "string"));
        p.set("request_id", described("Human-readable informative request-id").put("type", "string"));
        p.set("user_id", described("User associated with the task").put("type", "string"));
        p.set("expires_at", nullable("Datetime when this resource would be subject to removal", "string"));
        p.set("created_at", described("Datetime when this resource was created").put("type", "string"));
        p.set("updated_at", described("Datetime when this resource was updated").put("type", "string"));
        p.set("self", object().put("readOnly", true).put("type", "string"));
        p.set("schema", object().put("readOnly", true).put("type", "string"));
        return p;
    }

    static ObjectNode listView() {
        ObjectNode p = full();
        p.remove(List.of("input", "result", "message"));
        return p;
    }

    private static ObjectNode described(String description) {
        return object().put("description", description);
    }

    private static ObjectNode enumerated(String description, List<String> values) {
        ObjectNode node = described(description);
        node.set("enum", strings(values));
        return node.put("type", "string");
    }

    private static ObjectNode nullable(String description, String type) {
        ObjectNode node = described(description);
        node.putArray("type").add("null").add(type);
        return node;
    }
}
