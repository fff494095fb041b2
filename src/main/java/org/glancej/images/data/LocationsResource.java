package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HexFormat;
import org.glancej.common.GlanceException;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.images.ImageIds;
import org.glancej.images.data.digest.HashAlgorithm;

/** {@code POST|GET /v2/images/{id}/locations} (API 2.17): the body checks, then {@link LocationImport}. */
public final class LocationsResource implements HttpService {
    private final LocationImport locations;
    private final String hashingAlgorithm;

    public LocationsResource(LocationImport locations, String hashingAlgorithm) {
        this.locations = requireNonNull(locations, "locations is null");
        this.hashingAlgorithm = requireNonNull(hashingAlgorithm, "hashingAlgorithm is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/locations").get(this::list).post(this::add).register(rules);
    }

    private void add(ServerRequest req, ServerResponse res) {
        JsonNode body = Json.readBody(req, res);
        if (!body.isObject() || !body.path("url").isTextual() || body.get("url").textValue().isEmpty()) {
            throw GlanceException.badRequest("Invalid body: a location needs a 'url' string.");
        }
        LocationImport.Validation validation = validation(body.get("validation_data"));
        locations.add(RequestContexts.of(req), id(req), body.get("url").textValue(), validation,
                res.headers().first(io.helidon.http.HeaderNames.create("x-openstack-request-id")).orElse(null));
        res.status(202).send();
    }

    /** Upstream's checks of {@code validation_data}: a hex {@code os_hash_value} of its algorithm's size. */
    private LocationImport.Validation validation(JsonNode data) {
        if (data == null || data.isNull() || data.isObject() && data.isEmpty()) {
            return null;
        }
        if (!data.isObject() || !data.path("os_hash_value").isTextual()) {
            throw GlanceException.badRequest("validation_data must give os_hash_value (and may give os_hash_algo).");
        }
        String value = data.get("os_hash_value").textValue();
        String algorithm = data.path("os_hash_algo").isTextual() ? data.get("os_hash_algo").textValue() : hashingAlgorithm;
        int size = HashAlgorithm.fromPython(algorithm).map(HashAlgorithm::digestBytes).orElseThrow(
                () -> GlanceException.badRequest("unsupported hash type " + algorithm));
        byte[] parsed;
        try {
            parsed = HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw GlanceException.badRequest("os_hash_value (" + value + ") is not a valid hexadecimal value");
        }
        if (parsed.length != size) {
            throw GlanceException.badRequest("os_hash_value: (" + value + ") is not the correct size for (" + algorithm
                    + ") (should be (" + size + ") bytes)");
        }
        return new LocationImport.Validation(algorithm, value.toLowerCase(java.util.Locale.ROOT));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Json.MAPPER.valueToTree(locations.list(RequestContexts.of(req), id(req))));
    }

    private static String id(ServerRequest req) {
        return ImageIds.canonical(req.path().pathParameters().get("id"));
    }
}
