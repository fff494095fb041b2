package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.http.Json;
import org.junit.jupiter.api.Test;

/**
 * A list page, written image by image straight to the response, shows every image byte for byte as its show
 * does, on every database: images without properties, tags or locations, with deleted and revived properties,
 * with data, with many members.
 */
class ImageListBodyApiTest extends EveryDatabaseApiTestSupport {
    /** The id of an image {@link #images} made and deleted. */
    private String deleted;

    @Override
    protected String extraConfig() {
        return """
                [DEFAULT]
                show_multiple_locations = true
                show_image_direct_url = true
                """;
    }

    @Test
    void everyImageOfAPageIsItsShowByteForByte() throws Exception {
        List<String> ids = images();

        HttpResponse<String> page = api.send("GET", "/v2/images?limit=1000", null);

        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> listed = new LinkedHashMap<>();
        for (JsonNode image : ApiCalls.json(page).get("images")) {
            listed.put(image.get("id").asText(), Json.MAPPER.writeValueAsString(image));
        }
        assertThat(listed.keySet()).containsAll(ids).doesNotContain(deleted);
        for (Map.Entry<String, String> image : listed.entrySet()) {
            assertThat(image.getValue()).isEqualTo(api.send("GET", "/v2/images/" + image.getKey(), null).body());
        }
        assertThat(page.body()).startsWith("{\"images\":[{").endsWith("],\"first\":\"/v2/images?limit=1000\","
                + "\"schema\":\"/v2/schemas/images\"}");
    }

    @Test
    void propertiesKeepTheirRowOrderAfterADeleteAndARevival() throws Exception {
        String id = api.create(null, "{\"name\": \"revived\", \"p1\": \"a\", \"p2\": \"b\", \"p3\": \"c\"}");
        patch(id, "[{\"op\": \"remove\", \"path\": \"/p1\"}, {\"op\": \"remove\", \"path\": \"/p2\"}]");
        // p1's row comes back (upstream keeps one row per name): PostgreSQL then stores it after p3's
        patch(id, "[{\"op\": \"add\", \"path\": \"/p1\", \"value\": \"again\"}]");

        JsonNode listed = ApiCalls.json(api.send("GET", "/v2/images?name=revived", null)).get("images").get(0);

        List<String> fields = new ArrayList<>();
        listed.fieldNames().forEachRemaining(fields::add);
        assertThat(fields.subList(0, 3)).containsExactly("p1", "p3", "name");
        assertThat(listed.get("p1").asText()).isEqualTo("again");
    }

    @Test
    void pagesOfTwoListEveryImageOnceAsOnePageDoes() throws Exception {
        List<String> ids = images();
        List<String> whole = new ArrayList<>();
        ApiCalls.json(api.send("GET", "/v2/images?limit=1000", null)).get("images").forEach(i -> whole.add(i.toString()));

        List<String> paged = new ArrayList<>();
        String next = "/v2/images?limit=2";
        while (next != null) {
            JsonNode body = ApiCalls.json(api.send("GET", next, null));
            body.get("images").forEach(i -> paged.add(i.toString()));
            next = body.has("next") ? body.get("next").asText() : null;
        }

        assertThat(paged).isEqualTo(whole).hasSizeGreaterThanOrEqualTo(ids.size());
    }

    /** One image of each kind (the one with data named "data"); returns their ids. */
    protected List<String> images() throws Exception {
        List<String> ids = new ArrayList<>();
        ids.add(api.create(null, "{}"));
        ids.add(api.create(null, "{\"name\": \"full\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\","
                + " \"tags\": [\"b\", \"a\", \"\u00fcml\u00e4ut\"], \"os_distro\": \"cirros\", \"k\": \"\u00e9\\\"\\n\"}"));
        String withData = api.create(null, "{\"name\": \"data\", \"disk_format\": \"raw\", \"container_format\": \"bare\","
                + " \"tags\": [\"t\"]}");
        assertThat(server.send(server.request("/v2/images/" + withData + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofString("data")))
                .statusCode()).isEqualTo(204);
        ids.add(withData);
        String shared = api.create(null, "{\"name\": \"shared\", \"visibility\": \"shared\", \"x\": \"y\"}");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> added = api.send("POST", "/v2/images/" + shared + "/members",
                    "{\"member\": \"project-" + i + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        }
        ids.add(shared);
        String fewer = api.create(null, "{\"name\": \"deleted properties\", \"gone\": \"1\", \"kept\": \"2\"}");
        patch(fewer, "[{\"op\": \"remove\", \"path\": \"/gone\"}]");
        ids.add(fewer);
        deleted = api.create(null, "{\"name\": \"d\", \"p\": \"q\", \"tags\": [\"t\"]}");
        assertThat(api.send("DELETE", "/v2/images/" + deleted, null).statusCode()).isEqualTo(204);
        return ids;
    }

    private void patch(String id, String operations) throws Exception {
        HttpResponse<String> patched = api.send("PATCH", "/v2/images/" + id, operations);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }
}
