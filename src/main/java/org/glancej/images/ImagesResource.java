package org.glancej.images;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.auth.RequestContext;
import org.glancej.http.BaseUrl;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import java.util.stream.Collectors;
import org.glancej.images.list.ImageListQuery;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreRegistry;
import org.glancej.images.request.ImageCreateRequest;
import org.glancej.images.request.ImagePatch;
import org.glancej.images.request.ImageSchema;

/** {@code /v2/images} and {@code /v2/images/{id}} (API reference: Images — create, list, show, update, delete). */
public final class ImagesResource implements HttpService {
    private static final io.helidon.http.HeaderName STORE_IDS = HeaderNames.create("OpenStack-image-store-ids");
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("x-openstack-request-id");
    private static final io.helidon.http.HeaderName IMPORT_METHODS =
            HeaderNames.create("OpenStack-image-import-methods");
    private final ImageService images;
    private final ImageView view;
    private final ImageSchema schema;
    private final ImagesConfig config;

    private final StoreRegistry stores;
    private final List<String> importMethods;

    /** @param importMethods the import methods clients may use, announced on create */
    public ImagesResource(ImageService images, ImageView view, ImageSchema schema, ImagesConfig config,
            StoreRegistry stores, List<String> importMethods) {
        this.importMethods = List.copyOf(importMethods);
        this.stores = requireNonNull(stores, "stores is null");
        this.config = requireNonNull(config, "config is null");
        this.images = requireNonNull(images, "images is null");
        this.view = requireNonNull(view, "view is null");
        this.schema = requireNonNull(schema, "schema is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images").get(this::list).post(this::create).register(rules);
        Endpoint.at("/v2/images/{id}").get(this::show).patch(this::update).delete(this::delete).register(rules);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            params.put(name, req.query().all(name));
        }
        ImageListQuery query = ImageListQuery.parse(params, config);
        RequestContext ctx = RequestContexts.of(req);
        List<Image> page = images.list(ctx, query, view.showsLocations());
        Json.sendWritten(res, 200, out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("images");
            for (Image image : page) {
                view.write(images.shown(ctx, image), out);
            }
            out.writeEndArray();
            out.writeStringField("first", query.firstLink());
            out.writeStringField("schema", "/v2/schemas/images");
            Optional<String> next = query.nextLink(page.stream().map(Image::id).toList());
            if (next.isPresent()) {
                out.writeStringField("next", next.get());
            }
            out.writeEndObject();
        });
    }

    private void create(ServerRequest req, ServerResponse res) {
        RequestContext ctx = RequestContexts.of(req);
        JsonNode body = Json.readBody(req, res);
        Image image = images.create(ctx, authorize -> ImageCreateRequest.parse(body, schema, authorize).toNewImage());
        res.header(HeaderNames.LOCATION, BaseUrl.of(req) + "/v2/images/" + image.id());
        if (!importMethods.isEmpty()) {
            // an empty header field is not allowed (RFC 7230), so none without methods, as upstream
            res.header(IMPORT_METHODS, String.join(",", importMethods));
        }
        if (stores.multiStore()) {
            // every enabled backend, as upstream lists them (read-only ones too)
            res.header(STORE_IDS, stores.stores().stream().map(ConfiguredStore::id).collect(Collectors.joining(",")));
        }
        Json.send(res, 201, view.render(images.shown(ctx, image)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ImagePatch.Dialect dialect = ImagePatch.dialectOf(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        ImagePatch patch = ImagePatch.parse(dialect, Json.readBody(req, res), schema);
        RequestContext ctx = RequestContexts.of(req);
        Json.send(res, 200, view.render(images.shown(ctx, images.update(ctx, id(req), patch))));
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestContext ctx = RequestContexts.of(req);
        Json.send(res, 200, view.render(images.shown(ctx, images.get(ctx, id(req)))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        boolean replayed = StageHostProxy.isReplayed(req.headers().values(HeaderNames.VIA));
        // the node that did the delete answers for it, as upstream
        images.delete(RequestContexts.of(req), id(req), !replayed)
                .ifPresent(requestId -> res.header(REQUEST_ID, requestId));
        res.status(204).send();
    }

    private static String id(ServerRequest req) {
        return ImageIds.canonical(req.path().pathParameters().get("id"));
    }
}
