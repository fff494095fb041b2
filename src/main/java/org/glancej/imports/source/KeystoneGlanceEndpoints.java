package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glancej.imports.source.ImportSourceException.Reason;

/**
 * Reads the caller's service catalog from Keystone ({@code GET /v3/auth/catalog} with the caller's own token), as
 * upstream reads the catalog keystonemiddleware handed it: the first {@code image} service endpoint whose region
 * matches and whose interface is the one asked for.
 */
public final class KeystoneGlanceEndpoints implements GlanceEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI identityUri;
    private final Duration timeout;
    private final HttpClient http;

    /** @param identityUri Keystone's v3 root with a trailing slash, e.g. {@code http://controller:5000/v3/} */
    public KeystoneGlanceEndpoints(URI identityUri, Duration timeout) {
        this.identityUri = requireNonNull(identityUri, "identityUri is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String imageEndpoint(String token, String region, String serviceInterface) throws ImportSourceException {
        if (token == null || token.isEmpty()) {
            throw GlanceEndpoints.notFound(region, serviceInterface);
        }
        JsonNode catalog = catalog(token);
        for (JsonNode service : catalog.path("catalog")) {
            if (!service.path("type").asText().equals("image")) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                String endpointRegion = endpoint.hasNonNull("region_id") ? endpoint.path("region_id").asText()
                        : endpoint.path("region").asText();
                if (endpointRegion.equalsIgnoreCase(region)
                        && endpoint.path("interface").asText().equalsIgnoreCase(serviceInterface)
                        && endpoint.hasNonNull("url")) {
                    return endpoint.path("url").asText();
                }
            }
        }
        throw GlanceEndpoints.notFound(region, serviceInterface);
    }

    private JsonNode catalog(String token) throws ImportSourceException {
        HttpRequest request = HttpRequest.newBuilder(identityUri.resolve("auth/catalog"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Auth-Token", token)
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The service catalog could not be read from the "
                    + "Identity service: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportSourceException(Reason.UNAVAILABLE, "Interrupted while reading the service catalog", e);
        }
        if (response.statusCode() != 200) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The Identity service answered HTTP "
                    + response.statusCode() + " for the service catalog");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The Identity service's catalog is not JSON", e);
        }
    }
}
