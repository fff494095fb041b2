package org.glancej.http.schemas;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Endpoint;

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
            Endpoint.at("/" + name).get((req, res) -> send(res, name)).register(rules);
        }
    }

    private void send(ServerResponse res, String name) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(documents.json(name).orElseThrow());
    }
}
