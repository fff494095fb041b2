package org.glancej.metadefs.tags;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.metadefs.ListParams;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.MetadefTag;
import org.glancej.metadefs.MetadefViews;
import org.glancej.metadefs.namespaces.NamespaceService;
import org.glancej.metadefs.schema.MetadefSchemas;

/**
 * {@code /v2/metadefs/namespaces/{namespace}/tags[/{tag_name}]} (API reference: Metadata definition tags —
 * create one, create several ({@code X-Openstack-Append: true} keeps the existing ones), list, show, update,
 * delete one, delete all).
 */
public final class TagsResource implements HttpService {
    private static final String TAGS = MetadefViews.NAMESPACES + "/{namespace}/tags";
    private static final List<String> READ_ONLY = List.of("created_at", "updated_at");
    /** oslo's bool_from_string: what counts as true. */
    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");

    private final TagService tags;
    private final NamespaceService namespaces;
    private final MetadefSchemas schemas;

    public TagsResource(TagService tags, NamespaceService namespaces, MetadefSchemas schemas) {
        this.tags = requireNonNull(tags, "tags is null");
        this.namespaces = requireNonNull(namespaces, "namespaces is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at(TAGS).get(this::list).post(this::createAll).delete(this::deleteAll).register(rules);
        Endpoint.at(TAGS + "/{tag_name}").get(this::show).post(this::create).put(this::update)
                .delete(this::delete).register(rules);
    }

    private void list(ServerRequest req, ServerResponse res) {
        TagQuery query = TagQuery.parse(ListParams.of(req));
        Json.send(res, 200, names(tags.list(RequestContexts.of(req), namespace(req), query)));
    }

    private void create(ServerRequest req, ServerResponse res) {
        tags.visibleNamespace(RequestContexts.of(req), namespace(req));
        JsonNode asBody = Json.object().put("name", name(req));
        MetadefInput.validate(schemas.tag(), asBody);
        Json.send(res, 201, tag(tags.create(RequestContexts.of(req), namespace(req), name(req))));
    }

    private void createAll(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.readBody(req, res);
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.tagList(), body);
        MetadefInput.requireStorable(body);
        List<String> names = new ArrayList<>();
        for (JsonNode tag : body.path("tags")) {
            String name = tag.get("name").asText();
            MetadefInput.requireName("Tag", name);
            names.add(name);
        }
        boolean append = req.headers().value(io.helidon.http.HeaderNames.create("X-Openstack-Append"))
                .map(v -> TRUE.contains(v.strip().toLowerCase(Locale.ROOT))).orElse(false);
        Json.send(res, 201, names(tags.createAll(RequestContexts.of(req), namespace(req), names, append)));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, tag(tags.show(RequestContexts.of(req), namespace(req), name(req))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.readBody(req, res);
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.tag(), body);
        MetadefInput.requireStorable(body);
        String newName = body.get("name").textValue();
        Json.send(res, 200, tag(tags.rename(RequestContexts.of(req), namespace(req), name(req), newName)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        tags.delete(RequestContexts.of(req), namespace(req), name(req));
        res.status(204).send();
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        namespaces.deleteTags(RequestContexts.of(req), namespace(req));
        res.status(204).send();
    }

    private static ObjectNode tag(MetadefTag tag) {
        ObjectNode node = MetadefViews.object().put("name", tag.name());
        MetadefViews.putTime(node, "created_at", tag.createdAt());
        MetadefViews.putTime(node, "updated_at", tag.updatedAt());
        return node;
    }

    private static ObjectNode names(List<MetadefTag> list) {
        ObjectNode body = MetadefViews.object();
        ArrayNode items = body.putArray("tags");
        list.forEach(tag -> items.addObject().put("name", tag.name()));
        return body;
    }

    private static String namespace(ServerRequest req) {
        return req.path().pathParameters().get("namespace");
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("tag_name");
    }
}
