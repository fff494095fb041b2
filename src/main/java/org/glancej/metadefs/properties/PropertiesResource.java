package org.glancej.metadefs.properties;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefProperty;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.namespaces.NamespaceService;
import org.glancej.metadefs.schema.MetadefSchemas;
import org.glancej.metadefs.schema.PropertyDefinitions;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/properties[/{property_name}]} (API reference: Metadata definition
 * properties — create, list, show, update, delete, and delete all of a namespace's properties).
 */
public final class PropertiesResource implements HttpService {
    private static final String PROPERTIES = MetadefViews.NAMESPACES + "/{namespace}/properties";
    private static final List<String> READ_ONLY = List.of("created_at", "updated_at");

    private final PropertyService properties;
    private final NamespaceService namespaces;
    private final MetadefSchemas schemas;

    public PropertiesResource(PropertyService properties, NamespaceService namespaces, MetadefSchemas schemas) {
        this.properties = requireNonNull(properties, "properties is null");
        this.namespaces = requireNonNull(namespaces, "namespaces is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at(PROPERTIES).get(this::list).post(this::create).delete(this::deleteAll).register(rules);
        Endpoint.at(PROPERTIES + "/{property_name}").get(this::show).put(this::update).delete(this::delete)
                .register(rules);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        body.set("properties", MetadefViews.properties(properties.list(RequestContexts.of(req), namespace(req)), ""));
        Json.send(res, 200, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        ObjectNode definition = definition(Json.readBody(req, res));
        Json.send(res, 201, answer(properties.create(RequestContexts.of(req), namespace(req),
                definition.get("name").textValue(), definition)));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<String> resourceType = req.query().first("resource_type").asOptional().filter(rt -> !rt.isEmpty());
        Json.send(res, 200, answer(properties.show(RequestContexts.of(req), namespace(req), name(req), resourceType)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ObjectNode definition = definition(Json.readBody(req, res));
        Json.send(res, 200, answer(properties.update(RequestContexts.of(req), namespace(req), name(req),
                definition.get("name").textValue(), definition)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        properties.delete(RequestContexts.of(req), namespace(req), name(req));
        res.status(204).send();
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        namespaces.deleteProperties(RequestContexts.of(req), namespace(req));
        res.status(204).send();
    }

    /** The body checked as upstream checks it, then as upstream's model keeps it (name included). */
    private ObjectNode definition(JsonNode body) {
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.property(), body);
        MetadefInput.requireStorable(body);
        ObjectNode definition = PropertyDefinitions.fromRequest(body);
        MetadefInput.requireText("A property definition", definition.toString());
        return definition;
    }

    /** A single property: its stored definition with its name first. */
    private static ObjectNode answer(MetadefProperty property) {
        ObjectNode definition = PropertyDefinitions.fromStorage(property.schema());
        ObjectNode node = MetadefViews.object().put("name", property.name());
        definition.properties().forEach(e -> {
            if (!e.getKey().equals("name")) {
                node.set(e.getKey(), e.getValue());
            }
        });
        return node;
    }

    private static String namespace(ServerRequest req) {
        return req.path().pathParameters().get("namespace");
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("property_name");
    }
}
