package org.glancej.images;

import static java.util.Objects.requireNonNull;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Endpoint;
import org.glancej.http.RequestContexts;

/** {@code POST /v2/images/{id}/actions/deactivate|reactivate} (API reference: Deactivate/Reactivate image). */
public final class ImageActionsResource implements HttpService {
    private final ImageService images;

    public ImageActionsResource(ImageService images) {
        this.images = requireNonNull(images, "images is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/actions/deactivate").bodyless(Method.POST, this::deactivate).register(rules);
        Endpoint.at("/v2/images/{id}/actions/reactivate").bodyless(Method.POST, this::reactivate).register(rules);
    }

    private void deactivate(ServerRequest req, ServerResponse res) {
        images.deactivate(RequestContexts.of(req), ImageIds.canonical(req.path().pathParameters().get("id")));
        res.status(204).send();
    }

    private void reactivate(ServerRequest req, ServerResponse res) {
        images.reactivate(RequestContexts.of(req), ImageIds.canonical(req.path().pathParameters().get("id")));
        res.status(204).send();
    }
}
