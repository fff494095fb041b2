package org.glancej.tasks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.glancej.auth.RequestContext;
import org.glancej.http.BaseUrl;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;

/**
 * {@code /v2/tasks} and {@code /v2/tasks/{id}} (API reference: Tasks, deprecated upstream): create 201 with a
 * Location, list with {@code first}/{@code next} links, show, and delete refused with 405.
 */
public final class TasksResource implements HttpService {
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("x-openstack-request-id");

    private final TaskService tasks;
    private final int limitDefault;
    private final int limitMax;

    public TasksResource(TaskService tasks, int limitDefault, int limitMax) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.limitDefault = limitDefault;
        this.limitMax = limitMax;
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/tasks").get(this::list).post(this::create).register(rules);
        Endpoint.at("/v2/tasks/{id}").get(this::show).delete(this::delete).register(rules);
    }

    private void create(ServerRequest req, ServerResponse res) {
        RequestContext ctx = RequestContexts.of(req);
        // as upstream, access to the API is checked before the body is read
        tasks.checkAccess(ctx);
        Task task = tasks.create(ctx, Json.readBody(req, res), res.headers().first(REQUEST_ID).orElse(null));
        res.header(HeaderNames.LOCATION, BaseUrl.of(req) + "/v2/tasks/" + task.id());
        Json.send(res, 201, TaskView.entity(task));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            params.put(name, req.query().get(name));
        }
        TaskListQuery query = TaskListQuery.parse(params, limitDefault, limitMax);
        List<Task> page = tasks.list(RequestContexts.of(req), query);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("tasks");
        page.forEach(task -> items.add(TaskView.stub(task)));
        Map<String, String> kept = new LinkedHashMap<>(params);
        kept.remove("marker");
        body.put("first", kept.isEmpty() ? "/v2/tasks" : "/v2/tasks?" + encode(kept));
        body.put("schema", "/v2/schemas/tasks");
        if (!page.isEmpty() && page.size() == query.limit()) {
            kept.put("marker", page.getLast().id());
            body.put("next", "/v2/tasks?" + encode(kept));
        }
        Json.send(res, 200, body);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, TaskView.entity(tasks.get(RequestContexts.of(req), req.path().pathParameters().get("id"))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        tasks.refuseDelete(RequestContexts.of(req));
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
