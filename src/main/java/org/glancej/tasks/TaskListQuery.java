package org.glancej.tasks;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.glancej.common.GlanceException;
import org.glancej.common.UuidLike;

/**
 * {@code GET /v2/tasks} parameters as upstream reads them: {@code limit} (default {@code limit_param_default},
 * capped by {@code api_limit_max}), {@code marker}, {@code sort_key} (a task column, created_at by default),
 * {@code sort_dir} (desc by default) and equality filters on task columns ({@code type} and {@code status}
 * checked against their values). Ties are broken by created_at then id, in the same direction.
 */
public record TaskListQuery(int limit, Optional<String> marker, String sortKey, boolean ascending,
        Map<String, String> filters) {
    /** The task columns upstream can sort and filter on, and how each is read from a task. */
    private static final Map<String, Function<Task, Comparable<?>>> COLUMNS = Map.ofEntries(
            Map.entry("id", Task::id), Map.entry("type", Task::type), Map.entry("status", t -> t.status().wire()),
            Map.entry("owner", Task::owner), Map.entry("expires_at", Task::expiresAt),
            Map.entry("created_at", Task::createdAt), Map.entry("updated_at", Task::updatedAt),
            Map.entry("image_id", Task::imageId), Map.entry("request_id", Task::requestId),
            Map.entry("user_id", Task::userId));

    public static TaskListQuery parse(Map<String, String> params, int limitDefault, int limitMax) {
        java.util.LinkedHashMap<String, String> filters = new java.util.LinkedHashMap<>(params);
        String limitText = filters.remove("limit");
        String marker = filters.remove("marker");
        String sortKey = filters.remove("sort_key");
        String sortDir = filters.remove("sort_dir");
        if (sortDir != null && !sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw GlanceException.badRequest("Invalid sort direction: " + sortDir);
        }
        String status = filters.get("status");
        if (status != null && !status.isEmpty() && TaskStatus.fromWire(status).isEmpty()) {
            throw GlanceException.badRequest("Invalid status value: " + status);
        }
        String type = filters.get("type");
        if (type != null && !type.isEmpty() && !type.equals(Task.LEGACY_IMPORT)) {
            throw GlanceException.badRequest("Invalid type value: " + type);
        }
        if (marker != null && !UuidLike.test(marker)) {
            throw GlanceException.badRequest("Invalid marker format");
        }
        int limit = limitDefault;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                throw GlanceException.badRequest("limit param must be an integer");
            }
            if (limit < 0) {
                throw GlanceException.badRequest("limit param must be positive");
            }
        }
        String key = sortKey == null ? "created_at" : sortKey;
        if (!COLUMNS.containsKey(key)) {
            throw GlanceException.badRequest("Sort key supplied is invalid: " + key);
        }
        // upstream filters only on task columns, with empty values ignored
        filters.keySet().removeIf(name -> !COLUMNS.containsKey(name));
        filters.values().removeIf(String::isEmpty);
        return new TaskListQuery(Math.min(limit, limitMax), Optional.ofNullable(marker), key,
                "asc".equals(sortDir), Map.copyOf(filters));
    }

    /** The page of {@code tasks} (all live tasks the caller may list) this query asks for. */
    public List<Task> page(List<Task> tasks) {
        Comparator<Task> order = comparing(sortKey).thenComparing(comparing("created_at")).thenComparing(comparing("id"));
        if (!ascending) {
            order = order.reversed();
        }
        List<Task> sorted = tasks.stream().filter(this::matches).sorted(order).toList();
        int start = 0;
        if (marker.isPresent()) {
            int at = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).id().equalsIgnoreCase(marker.get())) {
                    at = i;
                }
            }
            if (at < 0) {
                throw GlanceException.badRequest("Task with the given ID " + marker.get() + " could not be found");
            }
            start = at + 1;
        }
        return sorted.subList(start, Math.min(sorted.size(), start + limit));
    }

    private boolean matches(Task task) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            Object value = COLUMNS.get(filter.getKey()).apply(task);
            String text = value instanceof Instant instant ? instant.toString() : String.valueOf(value);
            if (!filter.getValue().equals(text)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Task> comparing(String column) {
        Function<Task, Comparable> key = (Function) COLUMNS.get(column);
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
