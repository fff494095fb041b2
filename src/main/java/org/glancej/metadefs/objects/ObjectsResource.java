package org.glancej.metadefs.objects;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.metadefs.ListParams;
import org.glancej.metadefs.MetadefObject;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.namespaces.NamespaceService;
import org.glancej.metadefs.schema.MetadefSchemas;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/objects[/{object_name}]} (API reference: Metadata definition
 * objects — create, list, show, update, delete, and delete all of a namespace's objects).
 */
public final class ObjectsResource implements HttpService {
    private static final String OBJECTS = MetadefViews.NAMESPACES + "/{namespace}/objects";
    private static final String SCHEMA = "/v2/schemas/metadefs/object";

    private final ObjectService objects;
    private final NamespaceService namespaces;
    private final MetadefSchemas schemas;

    public ObjectsResource(ObjectService objects, NamespaceService namespaces, MetadefSchemas schemas) {
        this.objects = requireNonNull(objects, "objects is null");
        this.namespaces = requireNonNull(namespaces, "namespaces is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at(OBJECTS).get(this::list).post(this::create).delete(this::deleteAll).register(rules);
        Endpoint.at(OBJECTS + "/{object_name}").get(this::show).put(this::update).delete(this::delete)
                .register(rules);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, String> params = ListParams.of(req);
        ListParams.ascending(params);
        ListParams.checkVisibility(params);
        ListParams.limit(params, false);
        String namespace = namespace(req);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("objects");
        objects.list(RequestContexts.of(req), namespace)
                .forEach(o -> items.add(MetadefViews.metadefObject(namespace, o, "")));
        body.put("schema", "v2/schemas/metadefs/objects"); // sic: upstream's link has no leading slash
        Json.send(res, 200, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        ObjectRequest request = ObjectRequest.forCreate(Json.readBody(req, res), schemas);
        MetadefObject created = objects.create(RequestContexts.of(req), namespace(req), request);
        Json.send(res, 201, answer(namespace(req), created, request));
    }

    private void show(ServerRequest req, ServerResponse res) {
        ObjectService.Found found = objects.show(RequestContexts.of(req), namespace(req), name(req));
        Json.send(res, 200, MetadefViews.metadefObject(found.namespace().name(), found.object(), ""));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ObjectRequest request = ObjectRequest.forUpdate(Json.readBody(req, res), schemas);
        MetadefObject updated = objects.update(RequestContexts.of(req), namespace(req), name(req), request);
        Json.send(res, 200, answer(namespace(req), updated, request));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        objects.delete(RequestContexts.of(req), namespace(req), name(req));
        res.status(204).send();
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        namespaces.deleteObjects(RequestContexts.of(req), namespace(req));
        res.status(204).send();
    }

    /** Upstream answers a write with the object as the request gave it, with the stored timestamps. */
    private static ObjectNode answer(String namespace, MetadefObject stored, ObjectRequest request) {
        ObjectNode node = MetadefViews.object().put("name", stored.name());
        if (request.required() != null) {
            ArrayNode required = node.putArray("required");
            request.required().forEach(required::add);
        }
        MetadefViews.putText(node, "description", request.description());
        if (request.properties() != null) {
            node.set("properties", request.properties());
        }
        MetadefViews.putTime(node, "created_at", stored.createdAt());
        MetadefViews.putTime(node, "updated_at", stored.updatedAt());
        node.put("self", MetadefViews.objectHref(namespace, stored.name()));
        node.put("schema", SCHEMA);
        return node;
    }

    private static String namespace(ServerRequest req) {
        return req.path().pathParameters().get("namespace");
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("object_name");
    }
}
