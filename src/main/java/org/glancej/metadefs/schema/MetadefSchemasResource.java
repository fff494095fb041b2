package org.glancej.metadefs.schema;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glancej.http.Endpoint;
import org.glancej.http.PythonStyleJson;

/**
 * {@code GET /v2/schemas/metadefs/{namespace,namespaces,object,objects,property,properties,tag,tags,
 * resource_type,resource_types}} (API reference: Metadata definition schemas), in upstream's bytes.
 */
public final class MetadefSchemasResource implements HttpService {
    private final Map<String, byte[]> documents = new LinkedHashMap<>();

    public MetadefSchemasResource(MetadefSchemas schemas) {
        requireNonNull(schemas, "schemas is null");
        for (String name : MetadefSchemas.NAMES) {
            documents.put(name, PythonStyleJson.asciiBytes(schemas.document(name).orElseThrow()));
        }
    }

    @Override
    public void routing(HttpRules rules) {
        documents.forEach((name, json) -> Endpoint.at("/v2/schemas/metadefs/" + name).get((req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(json.clone());
        }).register(rules));
    }
}
