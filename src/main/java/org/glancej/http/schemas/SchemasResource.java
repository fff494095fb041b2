package org.glancej.http.schemas;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Image API v2 "Image Schemas": {@code GET /v2/schemas/{image,images,member,members,task,tasks}}.
 * Register under {@code /v2/schemas}. As upstream: any other method is 405 with {@code Allow: GET},
 * and a GET carrying a body is 400.
 */
public final class SchemasResource implements HttpService {
    private final SchemaDocuments documents;

    public SchemasResource(SchemaDocuments documents) {
        this.documents = requireNonNull(documents, "documents is null");
    }

    @Override
    public void routing(HttpRules rules) {
        for (String name : SchemaDocuments.NAMES) {
            rules.get("/" + name, (req, res) -> send(req, res, name))
                    .any("/" + name, SchemasResource::methodNotAllowed);
        }
    }

    private void send(ServerRequest req, ServerResponse res, String name) {
        if (req.content().hasEntity()) {
            throw GlanceException.badRequest("A body is not expected with this request.");
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(documents.json(name).orElseThrow());
    }

    private static void methodNotAllowed(ServerRequest req, ServerResponse res) {
        throw new GlanceException(ErrorKind.METHOD_NOT_ALLOWED,
                "The method %s is not allowed for this resource.".formatted(req.prologue().method().text()),
                Map.of("Allow", "GET"), null);
    }
}
