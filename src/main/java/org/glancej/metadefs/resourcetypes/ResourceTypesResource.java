package org.glancej.metadefs.resourcetypes;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.schema.MetadefSchemas;

/**
 * {@code /v2/metadefs/resource_types} and {@code /v2/metadefs/namespaces/{namespace}/resource_types[/{name}]}
 * (API reference: Metadata definition resource types — list resource types, list, create and remove a
 * namespace's associations).
 */
public final class ResourceTypesResource implements HttpService {
    private static final String ASSOCIATIONS = MetadefViews.NAMESPACES + "/{namespace}/resource_types";
    private static final List<String> READ_ONLY = List.of("created_at", "updated_at");

    private final ResourceTypeService resourceTypes;
    private final MetadefSchemas schemas;

    public ResourceTypesResource(ResourceTypeService resourceTypes, MetadefSchemas schemas) {
        this.resourceTypes = requireNonNull(resourceTypes, "resourceTypes is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/metadefs/resource_types").get(this::list).register(rules);
        Endpoint.at(ASSOCIATIONS).get(this::associations).post(this::associate).register(rules);
        Endpoint.at(ASSOCIATIONS + "/{resource_type}").delete(this::dissociate).register(rules);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("resource_types");
        resourceTypes.all(RequestContexts.of(req)).forEach(rt -> {
            ObjectNode item = items.addObject().put("name", rt.name());
            MetadefViews.putTime(item, "created_at", rt.createdAt());
            MetadefViews.putTime(item, "updated_at", rt.updatedAt());
        });
        Json.send(res, 200, body);
    }

    private void associations(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        body.set("resource_type_associations",
                MetadefViews.associations(resourceTypes.associations(RequestContexts.of(req), namespace(req))));
        Json.send(res, 200, body);
    }

    private void associate(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.readBody(req, res);
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.resourceTypeAssociation(), body);
        MetadefInput.requireStorable(body);
        Json.send(res, 201, MetadefViews.association(resourceTypes.associate(RequestContexts.of(req), namespace(req),
                body.get("name").textValue(), text(body, "prefix"), text(body, "properties_target"))));
    }

    private void dissociate(ServerRequest req, ServerResponse res) {
        resourceTypes.dissociate(RequestContexts.of(req), namespace(req),
                req.path().pathParameters().get("resource_type"));
        res.status(204).send();
    }

    private static String text(JsonNode body, String key) {
        JsonNode value = body.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String namespace(ServerRequest req) {
        return req.path().pathParameters().get("namespace");
    }
}
