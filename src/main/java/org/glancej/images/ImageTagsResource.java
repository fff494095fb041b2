package org.glancej.images;

import static java.util.Objects.requireNonNull;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Endpoint;
import org.glancej.http.RequestContexts;

/** Image tags: {@code PUT|DELETE /v2/images/{image_id}/tags/{tag}} (API reference: Image tags). */
public final class ImageTagsResource implements HttpService {
    private final ImageService images;

    public ImageTagsResource(ImageService images) {
        this.images = requireNonNull(images, "images is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/tags/{tag}")
                .bodyless(Method.PUT, this::add)
                .delete(this::remove)
                .register(rules);
    }

    private void add(ServerRequest req, ServerResponse res) {
        images.addTag(RequestContexts.of(req), ImageIds.canonical(req.path().pathParameters().get("id")), tag(req));
        res.status(204).send();
    }

    private void remove(ServerRequest req, ServerResponse res) {
        images.removeTag(RequestContexts.of(req), ImageIds.canonical(req.path().pathParameters().get("id")), tag(req));
        res.status(204).send();
    }

    private static String tag(ServerRequest req) {
        return req.path().pathParameters().get("tag");
    }
}
