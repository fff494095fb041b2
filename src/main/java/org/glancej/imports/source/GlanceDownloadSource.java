package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.glancej.common.UuidLike;
import org.glancej.images.request.ImageBaseProperties;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.CheckedUrl;
import org.glancej.net.PinnedResponse;

/**
 * glance-download: an image of another region's image service, found through the caller's catalog and read with
 * the caller's token, which goes to that endpoint only (not to where it might redirect). The endpoint's URLs pass
 * the same filter as web-download's, as upstream's do.
 */
final class GlanceDownloadSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "glance-download source";
    /** An image document is a few KiB; more is not one. */
    private static final int MAX_DOCUMENT = 1 << 20;

    private final SourceFetcher fetcher;
    private final GlanceEndpoints endpoints;

    GlanceDownloadSource(SourceFetcher fetcher, GlanceEndpoints endpoints) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
    }

    RemoteImage describe(String token, String region, String serviceInterface, String imageId)
            throws ImportSourceException {
        if (!UuidLike.test(imageId)) {
            throw new ImportSourceException(Reason.INVALID, "Remote image id does not look like a UUID: " + imageId);
        }
        String base = endpoints.imageEndpoint(token, region, serviceInterface).replaceAll("/+$", "");
        String metadataUrl = base + "/v2/images/" + imageId;
        JsonNode image = document(token, check(metadataUrl));
        String status = image.path("status").asText(null);
        if (!"active".equals(status)) {
            throw new ImportSourceException(Reason.INVALID, "Source image status should be active instead of " + status);
        }
        if (!image.path("size").canConvertToLong() || image.path("size").asLong() < 0) {
            throw new ImportSourceException(Reason.INVALID,
                    "Size attribute of remote image " + imageId + " could not be determined.");
        }
        return new RemoteImage(imageId, region, metadataUrl + "/file", image.path("disk_format").asText(null),
                image.path("container_format").asText(null), image.path("size").asLong(), extraProperties(image));
    }

    SourceData open(String token, RemoteImage image) throws ImportSourceException {
        if (image.size() > fetcher.config().imageSizeCap()) {
            throw new ImportSourceException(Reason.TOO_LARGE, "The provided image is too large.");
        }
        PinnedResponse response = fetcher.get(check(image.dataUrl()), SOURCE, tokenHeader(token));
        if (response.status() != 200) {
            throw SourceFetcher.httpError(response, SOURCE);
        }
        return new SourceData(fetcher.stream(response, SOURCE, OptionalLong.of(image.size())),
                OptionalLong.of(image.size()));
    }

    private CheckedUrl check(String url) throws ImportSourceException {
        return fetcher.check(url, "Processed URI for glance-download does not pass filtering: " + url);
    }

    private JsonNode document(String token, CheckedUrl url) throws ImportSourceException {
        Map<String, String> headers = new LinkedHashMap<>(tokenHeader(token));
        headers.put("Accept", "application/json");
        try (PinnedResponse response = fetcher.get(url, SOURCE, headers)) {
            if (response.status() != 200) {
                throw SourceFetcher.httpError(response, SOURCE);
            }
            InputStream body = response.body();
            byte[] bytes = body.readNBytes(MAX_DOCUMENT + 1);
            if (bytes.length > MAX_DOCUMENT) {
                throw new ImportSourceException(Reason.INVALID, "The " + SOURCE + " sent an image document over "
                        + MAX_DOCUMENT + " bytes");
            }
            JsonNode image = JSON.readTree(bytes);
            if (image == null || !image.isObject()) {
                throw new ImportSourceException(Reason.INVALID, "The " + SOURCE + " sent no image document");
            }
            return image;
        } catch (ImportSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The " + SOURCE + "'s image document could not be "
                    + "read: " + e.getMessage(), e);
        }
    }

    /**
     * The remote image's properties whose names start with a configured prefix, as upstream selects them; unlike
     * upstream, the document's own fields and null values are left out, and {@code os_glance*} stays reserved.
     */
    private Map<String, String> extraProperties(JsonNode image) {
        Map<String, String> selected = new LinkedHashMap<>();
        image.properties().forEach(field -> {
            String name = field.getKey();
            if (name.startsWith("os_glance") || ImageBaseProperties.NAMES.contains(name) || field.getValue().isNull()) {
                return;
            }
            for (String prefix : fetcher.config().extraProperties()) {
                if (name.startsWith(prefix)) {
                    JsonNode value = field.getValue();
                    selected.put(name, value.isTextual() ? value.asText() : value.toString());
                    break;
                }
            }
        });
        return selected;
    }

    private static Map<String, String> tokenHeader(String token) {
        return token == null || token.isEmpty() ? Map.of() : Map.of("X-Auth-Token", token);
    }
}
