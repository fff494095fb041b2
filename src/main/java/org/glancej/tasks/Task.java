package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of upstream's {@code tasks} table with its {@code task_info}: what was asked ({@code input}, JSON),
 * what came of it ({@code result}, JSON, and {@code message}).
 *
 * @param owner the project that asked (upstream writes an empty string for a caller without one)
 * @param expiresAt set once the task is final: {@code task_time_to_live} hours later it is removed
 */
public record Task(String id, String type, TaskStatus status, String owner, Instant expiresAt, Instant createdAt,
        Instant updatedAt, String imageId, String requestId, String userId, String input, String result,
        String message) {
    /** Upstream's task types: the legacy API's {@code import}, interoperable import, the locations API. */
    public static final String LEGACY_IMPORT = "import";
    public static final String API_IMAGE_IMPORT = "api_image_import";
    public static final String LOCATION_IMPORT = "location_import";

    public Task {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(status, "status is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** A new pending task. */
    public static Task pending(String id, String type, String owner, Instant now, String imageId, String requestId,
            String userId, String input) {
        return new Task(id, type, TaskStatus.PENDING, owner, null, now, now, imageId, requestId, userId, input, null,
                "");
    }
}
