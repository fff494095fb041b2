package org.glancej.http.versions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glancej.http.PythonStyleJson;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The versions document upstream answers on {@code /} (300) and {@code /versions} (200):
 * {@code {"versions": [{"id": "v2.17", "status": "CURRENT", "links": [{"rel": "self", "href": "<base>/v2/"}]}, ...]}}.
 * The base is {@code [DEFAULT] public_endpoint} when set, else the request's own
 * {@code scheme://host[:port]}, through a reverse proxy the client's with the proxy's path prefix
 * ({@link org.glancej.http.BaseUrl#application}).
 */
public final class VersionsDocument {
    private final List<ApiVersion> versions;
    private final Optional<String> publicEndpoint;
    private final Optional<byte[]> fixedJson;

    public VersionsDocument(List<ApiVersion> versions, Optional<String> publicEndpoint) {
        this.versions = List.copyOf(requireNonNull(versions, "versions is null"));
        this.publicEndpoint = requireNonNull(publicEndpoint, "publicEndpoint is null").filter(url -> !url.isEmpty());
        // with a public endpoint every request gets the same bytes
        this.fixedJson = this.publicEndpoint.map(url -> PythonStyleJson.asciiBytes(build(url)));
    }

    /** The document upstream serves for this combination of optional features. */
    public static VersionsDocument of(boolean cacheEnabled, boolean multistoreEnabled, Optional<String> publicEndpoint) {
        return new VersionsDocument(AdvertisedVersions.of(cacheEnabled, multistoreEnabled), publicEndpoint);
    }

    /** Upstream's document less the versions whose feature is not {@code available} here. */
    public static VersionsDocument truthful(boolean cacheEnabled, boolean multistoreEnabled,
            java.util.Set<String> available, Optional<String> publicEndpoint) {
        return new VersionsDocument(AdvertisedVersions.truthful(cacheEnabled, multistoreEnabled, available),
                publicEndpoint);
    }

    public List<ApiVersion> versions() {
        return versions;
    }

    /**
     * Whether {@code v2.<minor>} is advertised. Upstream's version negotiation routes a
     * {@code /v2.N/...} prefix to the v2 API only then, and answers 300 with this document otherwise
     * (e.g. {@code /v2.8/images} without multistore).
     */
    public boolean advertisesMinor(int minor) {
        String number = "2." + minor;
        return versions.stream().anyMatch(version -> version.number().equals(number));
    }

    /** The highest advertised v2 minor version (17, or 18 with the image cache). */
    public int maxMinorVersion() {
        return versions.stream()
                .mapToInt(version -> Integer.parseInt(version.number().substring(version.number().indexOf('.') + 1)))
                .max()
                .orElseThrow();
    }

    /** @param requestBaseUrl the request's {@code scheme://host[:port]}, used when no public endpoint is set */
    public ObjectNode node(String requestBaseUrl) {
        return build(publicEndpoint.orElse(requestBaseUrl));
    }

    /** The document as upstream serialises it. */
    public byte[] json(String requestBaseUrl) {
        return fixedJson.map(byte[]::clone)
                .orElseGet(() -> PythonStyleJson.asciiBytes(build(requestBaseUrl)));
    }

    /** Upstream joins {@code v2} onto the base as a relative path: trailing slashes do not double. */
    static String selfHref(String baseUrl) {
        int end = baseUrl.length();
        while (end > 0 && baseUrl.charAt(end - 1) == '/') {
            end--;
        }
        return baseUrl.substring(0, end) + "/v2/";
    }

    private ObjectNode build(String baseUrl) {
        requireNonNull(baseUrl, "baseUrl is null");
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String href = selfHref(baseUrl);
        ObjectNode root = nodes.objectNode();
        ArrayNode list = root.putArray("versions");
        for (ApiVersion version : versions) {
            ObjectNode entry = list.addObject()
                    .put("id", version.id())
                    .put("status", version.status().name());
            entry.putArray("links").addObject().put("rel", "self").put("href", href);
        }
        return root;
    }
}
