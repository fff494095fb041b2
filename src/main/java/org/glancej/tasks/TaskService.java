package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.net.UrlGuard;
import org.glancej.net.UrlRefusedException;
import org.glancej.policy.PolicyEnforcer;
import org.glancej.policy.PolicyTarget;
import org.glancej.store.LocationUrls;

/**
 * Upstream's legacy tasks API (deprecated there, served here): {@code tasks_api_access} (admin by default)
 * guards every call, then {@code add_task}, {@code get_tasks}, {@code get_task}. Non-admins see only their
 * project's tasks. A legacy {@code import} task's {@code import_from} passes the same URL filtering as
 * web-download (OSSN-0105) before the task is created; what the task then does is the {@link LegacyImport}'s.
 */
public final class TaskService {
    private final TaskDao dao;
    private final TaskRunner runner;
    private final PolicyEnforcer policy;
    private final UrlGuard guard;
    private final LegacyImport legacyImport;
    private final Clock clock;

    /** Runs a legacy {@code import} task: reads {@code import_from} into a new image (web-download's path). */
    @FunctionalInterface
    public interface LegacyImport {
        TaskRunner.TaskWork workFor(Task task, RequestContext ctx);

        /** Until the guarded URL reader is wired in, such tasks fail with a message saying so. */
        static LegacyImport unavailable() {
            return (task, ctx) -> progress -> {
                throw GlanceException.badRequest("Importing from a URL is not available on this service yet.");
            };
        }
    }

    public TaskService(TaskDao dao, TaskRunner runner, PolicyEnforcer policy, UrlGuard guard,
            LegacyImport legacyImport, Clock clock) {
        this.dao = requireNonNull(dao, "dao is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.legacyImport = requireNonNull(legacyImport, "legacyImport is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    private void enforce(RequestContext ctx, String rule) {
        PolicyTarget target = PolicyTarget.project(ctx.projectId());
        policy.enforce("tasks_api_access", target, ctx);
        policy.enforce(rule, target, ctx);
    }

    public List<Task> list(RequestContext ctx, TaskListQuery query) {
        enforce(ctx, "get_tasks");
        return query.page(dao.list(ctx.isAdmin() ? null : owner(ctx), null, null));
    }

    public Task get(RequestContext ctx, String id) {
        enforce(ctx, "get_task");
        Task task = dao.find(id).orElseThrow(
                () -> GlanceException.notFound("Task with the given ID " + id + " could not be found"));
        if (!ctx.isAdmin() && !task.owner().isEmpty() && !task.owner().equals(owner(ctx))) {
            throw GlanceException.forbidden("Forbidding request, task " + id + " is not visible");
        }
        return task;
    }

    /** {@code tasks_api_access}, which every call of the API needs first. */
    public void checkAccess(RequestContext ctx) {
        policy.enforce("tasks_api_access", PolicyTarget.project(ctx.projectId()), ctx);
    }

    /** 405 for everyone allowed to use the API, as upstream: tasks expire, they are not deleted. */
    public void refuseDelete(RequestContext ctx) {
        checkAccess(ctx);
        throw new GlanceException(ErrorKind.METHOD_NOT_ALLOWED, "This operation is currently not permitted on "
                + "Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.",
                Map.of("Allow", "GET"), null);
    }

    /** {@code POST /v2/tasks}: checks the body, records the task as pending and starts it. */
    public Task create(RequestContext ctx, JsonNode body, String requestId) {
        checkAccess(ctx);
        TaskRequest request = TaskRequest.parse(body);
        policy.enforce("add_task", PolicyTarget.project(ctx.projectId()), ctx);
        if (request.type().equals(Task.LEGACY_IMPORT)) {
            checkImportFrom(request.input().path("import_from"));
        }
        JsonNode imageId = request.input().path("image_id");
        Task task = Task.pending(UUID.randomUUID().toString(), request.type(), owner(ctx), clock.instant(),
                imageId.isTextual() ? imageId.asText() : null, requestId, ctx.userId(), request.input().toString());
        dao.insert(task);
        runner.submit(task, request.type().equals(Task.LEGACY_IMPORT) ? legacyImport.workFor(task, ctx)
                : progress -> {
                    throw GlanceException.badRequest("Tasks of type " + task.type() + " are started by the API "
                            + "that owns them, not by the tasks API.");
                });
        return task;
    }

    /** Upstream's checks of {@code import_from} (validate_legacy_import_from_uri), with our URL guard. */
    private void checkImportFrom(JsonNode importFrom) {
        String uri = importFrom.isTextual() ? importFrom.asText() : null;
        if (uri == null || uri.isEmpty()) {
            throw GlanceException.badRequest("Invalid location: " + (uri == null ? "None" : uri));
        }
        if (uri.startsWith("file:///") || uri.startsWith("filesystem:///")) {
            throw GlanceException.badRequest(
                    "File based imports are not allowed. Please use a non-local source of image data.");
        }
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw GlanceException.badRequest("The given uri is not valid. Please specify a valid uri from the "
                    + "following list of supported uri ['http']");
        }
        try {
            guard.check(uri);
        } catch (UrlRefusedException e) {
            throw GlanceException.badRequest("URI for legacy import task does not pass filtering: "
                    + LocationUrls.redacted(uri));
        }
    }

    /** Upstream records tasks under the caller's project, or an empty owner without one. */
    static String owner(RequestContext ctx) {
        return ctx.projectId() == null ? "" : ctx.projectId();
    }
}
