package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.images.Image;
import org.glancej.images.ImageIds;
import org.glancej.images.ImageService;
import org.glancej.images.StageHostProxy;
import org.glancej.tasks.Task;
import org.glancej.tasks.TaskDao;
import org.glancej.tasks.TaskView;

/**
 * {@code POST /v2/images/{id}/import} (202), {@code GET /v2/images/{id}/tasks} (2.12) and {@code GET
 * /v2/info/import} (API reference: Interoperable image import, Image tasks, Import methods).
 */
public final class ImportsResource implements HttpService {
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("x-openstack-request-id");
    private static final io.helidon.http.HeaderName STORE = HeaderNames.create("X-Image-Meta-Store");

    private final ImportService imports;
    private final ImportMethods methods;
    private final ImageService images;
    private final TaskDao tasks;
    private final Clock clock;

    public ImportsResource(ImportService imports, ImportMethods methods, ImageService images, TaskDao tasks,
            Clock clock) {
        this.imports = requireNonNull(imports, "imports is null");
        this.methods = requireNonNull(methods, "methods is null");
        this.images = requireNonNull(images, "images is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/import").post(this::importImage).register(rules);
        Endpoint.at("/v2/images/{id}/tasks").get(this::imageTasks).register(rules);
        Endpoint.at("/v2/info/import").get(this::info).register(rules);
    }

    private void importImage(ServerRequest req, ServerResponse res) {
        ImportRequest request = ImportRequest.parse(Json.readBody(req, res), methods);
        boolean replayed = StageHostProxy.isReplayed(req.headers().values(HeaderNames.VIA));
        ImportStart started = imports.start(RequestContexts.of(req), id(req), request, req.headers().first(STORE),
                res.headers().first(REQUEST_ID).orElse(null), !replayed);
        // the stage host that took the import answers for it, as upstream
        started.stageHostRequestId().ifPresent(requestId -> res.header(REQUEST_ID, requestId));
        res.status(202).send();
    }

    /** Upstream answers 404 to a caller who may not see the image, or may not get it. */
    private void imageTasks(ServerRequest req, ServerResponse res) {
        RequestContext ctx = RequestContexts.of(req);
        Image image;
        try {
            image = images.get(ctx, id(req));
        } catch (GlanceException e) {
            throw GlanceException.notFound("The resource could not be found.");
        }
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("tasks");
        for (Task task : tasks.forImage(image.id(), clock.instant())) {
            if (ctx.isAdmin() || task.owner().isEmpty() || task.owner().equals(ctx.projectId())) {
                list.add(TaskView.row(task));
            }
        }
        Json.send(res, 200, body);
    }

    private void info(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        ObjectNode importMethods = body.putObject("import-methods");
        importMethods.put("description", "Import methods available.");
        importMethods.put("type", "array");
        ArrayNode value = importMethods.putArray("value");
        methods.enabled().forEach(value::add);
        Json.send(res, 200, body);
    }

    private static String id(ServerRequest req) {
        return ImageIds.canonical(req.path().pathParameters().get("id"));
    }
}
