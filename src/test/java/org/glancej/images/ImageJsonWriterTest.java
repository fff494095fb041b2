package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.http.Json;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreRegistry;
import org.glancej.store.file.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An image's layout (upstream's: properties, base fields in order, a property named as a base field in its place with
 * the field's value), and a list page's images, written straight to the generator, byte for byte a show's tree.
 */
class ImageJsonWriterTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "direct_url {0}, locations {1}, multi-store {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, false", "true, true, true"})
    void everyKindOfImageIsWrittenAsTheTreeShowsIt(boolean directUrl, boolean locations, boolean multiStore) {
        ImageView view = new ImageView(directUrl, locations, stores(multiStore));
        for (Image image : images()) {
            assertThat(streamed(view, image)).isEqualTo(tree(view, image));
        }
    }

    @Test
    void propertiesComeFirstThenTheBaseFieldsInUpstreamsOrder() {
        ImageView view = new ImageView(true, true, stores(true));
        Image full = images().get(1);

        assertThat(keys(view.render(full))).containsExactly("os_distro", "quoted \"key\"", "empty", "name",
                "disk_format", "container_format", "visibility", "size", "virtual_size", "status", "checksum",
                "protected", "min_ram", "min_disk", "owner", "os_hidden", "os_hash_algo", "os_hash_value", "id",
                "created_at", "updated_at", "locations", "direct_url", "tags", "self", "file", "schema", "stores");
        assertThat(view.render(full).get("locations").get(0).get("metadata").get("store").asText()).isEqualTo("fast");
        assertThat(view.render(full).get("created_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(keys(new ImageView(false, false, stores(false)).render(full))).doesNotContain("locations",
                "direct_url", "stores").endsWith("updated_at", "tags", "self", "file", "schema");
    }

    @Test
    void aPropertyNamedAsAShownBaseFieldKeepsItsPlaceWithTheFieldsValue() {
        ImageView view = new ImageView(false, false, stores(false));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("a", "1");
        properties.put("name", "a property named as an attribute");
        properties.put("tags", "x");
        properties.put("direct_url", "not shown here, so the property's");
        properties.put("stores", "one store, so the property's");
        var tree = view.render(image("shadowing", properties, List.of("t"), List.of(), 1L, 2L));

        assertThat(keys(tree)).startsWith("a", "name", "tags", "direct_url", "stores", "disk_format")
                .doesNotHaveDuplicates().endsWith("updated_at", "self", "file", "schema");
        assertThat(tree.get("name").asText()).isEqualTo("name of shadowing");
        assertThat(tree.get("tags").get(0).asText()).isEqualTo("t");
        assertThat(tree.get("direct_url").asText()).isEqualTo("not shown here, so the property's");
        assertThat(tree.get("stores").asText()).isEqualTo("one store, so the property's");
    }

    @Test
    void timestampsAreUpstreamsWholeSecondsInUtc() {
        assertThat(ImageView.timestamp(T0)).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(ImageView.timestamp(Instant.parse("0999-12-31T23:59:59.999Z"))).isEqualTo("0999-12-31T23:59:59Z");
        assertThat(ImageView.timestamp(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(ImageView.timestamp(null)).isNull();
    }

    private static List<Image> images() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("os_distro", "cirros");
        properties.put("quoted \"key\"", "line\nbreak, tab\t, \u00e9\u4e2d\ud83d\ude00 and \\ and </script>");
        properties.put("empty", "");
        properties.put("os_glance_stage_host", "http://node-1:9292"); // never shown
        Map<String, String> shadowing = new LinkedHashMap<>();
        shadowing.put("a", "1");
        shadowing.put("name", "a property named as an attribute"); // upstream's tree keeps its place
        shadowing.put("tags", "x");
        ImageLocation file = new ImageLocation("file:///var/lib/glance/images/x", Map.of("store", "fast"), "active");
        ImageLocation s3 = new ImageLocation("s3://key:secret@host/bucket/x",
                Map.of("store", "slow", "n", 1.5, "list", List.of(1, "two")), "active");
        ImageLocation bare = new ImageLocation("file:///other", Map.of(), "active");
        return List.of(
                image("no-children", Map.of(), List.of(), List.of(), null, null),
                image("full", properties, List.of("b", "a", "\u00fcml\u00e4ut"), List.of(file), 12L, 40L),
                image("two-stores", Map.of("k", "v"), List.of("t"), List.of(s3, file, bare), 0L, null),
                image("shadowing", shadowing, List.of("t"), List.of(file), 1L, 2L));
    }

    private static Image image(String id, Map<String, String> properties, List<String> tags,
            List<ImageLocation> locations, Long size, Long virtualSize) {
        return new Image(id, id.equals("no-children") ? null : "name of " + id, ImageStatus.ACTIVE, Visibility.SHARED,
                true, false, size == null ? null : "abc", null, size == null ? null : "deadbeef", "owner", size,
                virtualSize, "qcow2", null, 3, 512, T0, T0.plusSeconds(86_400 * 400), properties, tags, locations);
    }

    private StoreRegistry stores(boolean multiStore) {
        FileStore files = new FileStore(dir);
        return StoreRegistry.of(multiStore, List.of(new ConfiguredStore("slow", "", 1, files),
                new ConfiguredStore("fast", "", 100, files)));
    }

    private static List<String> keys(com.fasterxml.jackson.databind.JsonNode tree) {
        List<String> keys = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String tree(ImageView view, Image image) {
        try {
            // as Json.send serialises a tree: to UTF-8 bytes (a character beyond the BMP is escaped there)
            return new String(Json.MAPPER.writeValueAsBytes(view.render(image)), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String streamed(ImageView view, Image image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.MAPPER.createGenerator(bytes)) {
            view.write(image, out);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
