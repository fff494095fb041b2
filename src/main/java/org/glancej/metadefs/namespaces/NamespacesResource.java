package org.glancej.metadefs.namespaces;

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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.glancej.http.BaseUrl;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.schema.MetadefSchemas;

/**
 * {@code /v2/metadefs/namespaces} and {@code /v2/metadefs/namespaces/{namespace}} (API reference: Metadata
 * definition namespaces — create, list, show, update, delete). Deleting a namespace's objects, properties or
 * tags is on those resources' paths.
 */
public final class NamespacesResource implements HttpService {
    private final NamespaceService namespaces;
    private final MetadefSchemas schemas;
    private final int limitDefault;
    private final int limitMax;

    public NamespacesResource(NamespaceService namespaces, MetadefSchemas schemas, int limitDefault, int limitMax) {
        this.namespaces = requireNonNull(namespaces, "namespaces is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
        this.limitDefault = limitDefault;
        this.limitMax = limitMax;
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at(MetadefViews.NAMESPACES).get(this::list).post(this::create).register(rules);
        Endpoint.at(MetadefViews.NAMESPACES + "/{namespace}")
                .get(this::show).put(this::update).delete(this::delete).register(rules);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, String> params = params(req);
        NamespaceService.Page page = namespaces.list(RequestContexts.of(req),
                NamespaceQuery.parse(params, limitDefault, limitMax));
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("namespaces");
        page.namespaces().forEach(ns -> items.add(NamespaceViews.listed(ns, page.associations().get(ns.id()))));
        Map<String, String> kept = new LinkedHashMap<>(params);
        kept.remove("marker");
        page.next().ifPresent(marker -> {
            Map<String, String> next = new LinkedHashMap<>(kept);
            next.put("marker", marker);
            body.put("next", MetadefViews.NAMESPACES + "?" + encode(next));
        });
        body.put("schema", "/v2/schemas/metadefs/namespaces");
        body.put("first", kept.isEmpty() ? MetadefViews.NAMESPACES : MetadefViews.NAMESPACES + "?" + encode(kept));
        Json.send(res, 200, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        NamespaceRequest request = NamespaceRequest.parse(Json.readBody(req, res), schemas);
        Namespace ns = namespaces.create(RequestContexts.of(req), request);
        res.header(HeaderNames.LOCATION, BaseUrl.of(req) + MetadefViews.namespaceHref(ns.name()));
        Json.send(res, 201, NamespaceViews.created(ns, request));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Map<String, String> params = params(req);
        NamespaceQuery.visibility(params);
        Optional<String> resourceType = Optional.ofNullable(params.get("resource_type")).filter(rt -> !rt.isEmpty());
        Json.send(res, 200, NamespaceViews.detail(namespaces.show(RequestContexts.of(req), name(req), resourceType)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        NamespaceRequest request = NamespaceRequest.parse(Json.readBody(req, res), schemas);
        Json.send(res, 200, NamespaceViews.namespace(namespaces.update(RequestContexts.of(req), name(req), request)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        namespaces.delete(RequestContexts.of(req), name(req));
        res.status(204).send();
    }

    static String name(ServerRequest req) {
        return req.path().pathParameters().get("namespace");
    }

    private static Map<String, String> params(ServerRequest req) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            params.put(name, req.query().get(name));
        }
        return params;
    }

    /** As Python's urlencode writes a query. */
    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
