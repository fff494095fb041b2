package org.glancej.images;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;

/** {@code /v2/images} and {@code /v2/images/{id}} (API reference: Images — create, list, show, update, delete). */
public final class ImagesResource implements HttpService {
    private final ImageService images;
    private final ImageView view;

    public ImagesResource(ImageService images, ImageView view) {
        this.images = requireNonNull(images, "images is null");
        this.view = requireNonNull(view, "view is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}").get(this::show).delete(this::delete).register(rules);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Image image = images.get(RequestContexts.of(req), id(req));
        Json.send(res, 200, view.render(image));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        images.delete(RequestContexts.of(req), id(req));
        res.status(204).send();
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
