package org.glancej.http.schemas;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Endpoint;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Image API v2 "Image Schemas": {@code GET /v2/schemas/{image,images,member,members,task,tasks}}.
 * As upstream: any other method is 405 with {@code Allow: GET}, and a GET carrying a body is 400.
 */
public final class SchemasResource implements HttpService {
    private final SchemaDocuments documents;

    public SchemasResource(SchemaDocuments documents) {
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** With upstream's shipped custom properties ({@link CustomImageProperties#shippedDefault()}). */
    public SchemasResource(List<String> diskFormats, List<String> containerFormats) {
        this(new SchemaDocuments(diskFormats, containerFormats, CustomImageProperties.shippedDefault()));
    }

    @Override
    public void routing(HttpRules rules) {
        for (String name : SchemaDocuments.NAMES) {
            Endpoint.at("/v2/schemas/" + name).get((req, res) -> send(res, name)).register(rules);
        }
    }

    private void send(ServerResponse res, String name) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(documents.json(name).orElseThrow());
    }
}
