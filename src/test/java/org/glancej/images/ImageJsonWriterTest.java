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

/** A list page's images, written straight to the generator, are byte for byte what the tree of a show gives. */
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
