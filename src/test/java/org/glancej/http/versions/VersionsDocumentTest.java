package org.glancej.http.versions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.glancej.http.PythonStyleJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Against upstream Zed's documents (resources versions/upstream-zed) plus the two later minor versions. */
class VersionsDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "http://127.0.0.1:9292";

    @ParameterizedTest
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void matchesUpstreamZedPlusTheVersionsAddedSince(boolean cache, boolean multistore) throws IOException {
        ObjectNode expected = newestFromZed(zed(cache, multistore), cache);
        byte[] ours = VersionsDocument.of(cache, multistore, Optional.empty()).json(BASE);
        assertThat(new String(ours, StandardCharsets.UTF_8))
                .isEqualTo(new String(PythonStyleJson.asciiBytes(expected), StandardCharsets.UTF_8));
    }

    @Test
    void withoutCacheOrMultistoreAdvertises217AsCurrent() {
        assertThat(AdvertisedVersions.of(false, false)).extracting(ApiVersion::id).containsExactly(
                "v2.17", "v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
        assertThat(AdvertisedVersions.of(false, false)).filteredOn(v -> v.status() == ApiVersion.Status.CURRENT)
                .extracting(ApiVersion::id).containsExactly("v2.17");
    }

    @Test
    void cacheMakes218Current() {
        assertThat(AdvertisedVersions.of(true, false)).extracting(ApiVersion::id)
                .startsWith("v2.18", "v2.17", "v2.16", "v2.15", "v2.14", "v2.9");
        assertThat(AdvertisedVersions.of(true, true).getFirst()).isEqualTo(ApiVersion.current("2.18"));
    }

    @Test
    void negotiationAcceptsOnlyAdvertisedMinors() {
        VersionsDocument plain = VersionsDocument.of(false, false, Optional.empty());
        assertThat(plain.maxMinorVersion()).isEqualTo(17);
        assertThat(plain.advertisesMinor(17)).isTrue();
        assertThat(plain.advertisesMinor(15)).isTrue();
        assertThat(plain.advertisesMinor(16)).isFalse();
        assertThat(plain.advertisesMinor(8)).isFalse();
        assertThat(plain.advertisesMinor(18)).isFalse();
        VersionsDocument full = VersionsDocument.of(true, true, Optional.empty());
        assertThat(full.maxMinorVersion()).isEqualTo(18);
        assertThat(full.advertisesMinor(8)).isTrue();
        assertThat(full.advertisesMinor(16)).isTrue();
    }

    @Test
    void publicEndpointReplacesTheRequestsBase() {
        VersionsDocument document = VersionsDocument.of(false, false, Optional.of("https://images.example.com/image/"));
        assertThat(hrefs(document.node(BASE))).containsOnly("https://images.example.com/image/v2/");
        assertThat(document.json(BASE)).isEqualTo(document.json("http://other:1"));
    }

    @Test
    void emptyPublicEndpointMeansUnset() {
        VersionsDocument document = VersionsDocument.of(false, false, Optional.of(""));
        assertThat(hrefs(document.node("http://glance:9292"))).containsOnly("http://glance:9292/v2/");
    }

    @Test
    void selfHrefJoinsV2OntoTheBase() {
        assertThat(VersionsDocument.selfHref("http://h:9292")).isEqualTo("http://h:9292/v2/");
        assertThat(VersionsDocument.selfHref("http://h:9292//")).isEqualTo("http://h:9292/v2/");
        assertThat(VersionsDocument.selfHref("http://h/app/api")).isEqualTo("http://h/app/api/v2/");
    }

    /** Upstream since Zed: 2.17 (2024.2) and 2.18 (2026.2, only with the cache) on top of the list. */
    private static ObjectNode newestFromZed(ObjectNode zed, boolean cache) {
        ArrayNode versions = (ArrayNode) zed.get("versions");
        ObjectNode zedCurrent = (ObjectNode) versions.get(0);
        assertThat(zedCurrent.get("id").asText()).isEqualTo(cache ? "v2.16" : "v2.15");
        zedCurrent.put("status", "SUPPORTED");
        if (cache) {
            versions.insert(0, entryLike(zedCurrent, "v2.17", "SUPPORTED"));
            versions.insert(0, entryLike(zedCurrent, "v2.18", "CURRENT"));
        }
        else {
            versions.insert(0, entryLike(zedCurrent, "v2.17", "CURRENT"));
        }
        return zed;
    }

    private static ObjectNode entryLike(ObjectNode template, String id, String status) {
        return template.deepCopy().put("id", id).put("status", status);
    }

    private static ObjectNode zed(boolean cache, boolean multistore) throws IOException {
        String file = "/versions/upstream-zed/cache-%s-multistore-%s.json".formatted(cache, multistore);
        try (InputStream in = VersionsDocumentTest.class.getResourceAsStream(file)) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }

    private static List<String> hrefs(ObjectNode document) {
        return StreamSupport.stream(document.get("versions").spliterator(), false)
                .map(v -> v.get("links").get(0).get("href").asText())
                .toList();
    }

    @Test
    void truthfulListDropsVersionsWhoseFeatureIsMissingAndPromotesTheHighestLeft() {
        assertThat(AdvertisedVersions.truthful(false, false, java.util.Set.of())).extracting(ApiVersion::id)
                .containsExactly("v2.15", "v2.9", "v2.7", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
        assertThat(AdvertisedVersions.truthful(false, false, java.util.Set.of()).getFirst())
                .isEqualTo(ApiVersion.current("2.15"));
        assertThat(AdvertisedVersions.truthful(false, true, java.util.Set.of(AdvertisedVersions.LOCATIONS_API)))
                .extracting(ApiVersion::id).containsExactly("v2.17", "v2.15", "v2.13", "v2.9", "v2.8", "v2.7", "v2.5",
                        "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
        assertThat(AdvertisedVersions.truthful(true, true, java.util.Set.of(AdvertisedVersions.IMPORT,
                AdvertisedVersions.COPY_IMAGE, AdvertisedVersions.IMAGE_TASKS, AdvertisedVersions.CACHE,
                AdvertisedVersions.LOCATIONS_API))).isEqualTo(AdvertisedVersions.of(true, true));
    }
}
