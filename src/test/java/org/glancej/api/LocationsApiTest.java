package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Image locations with {@code show_multiple_locations} and {@code show_image_direct_url} on, over HTTP. */
class LocationsApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [DEFAULT]
            show_multiple_locations = true
            show_image_direct_url = true
            """);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode created() throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"loc\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static JsonNode uploaded(byte[] data) throws Exception {
        String id = created().get("id").asText();
        assertThat(server.send(server.request("/v2/images/" + id + "/file").header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(data))).statusCode()).isEqualTo(204);
        return show(id);
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(server.send(server.request("/v2/images/" + id)).body());
    }

    private static HttpResponse<String> patch(String id, String operations) throws Exception {
        return server.send(server.request("/v2/images/" + id)
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", BodyPublishers.ofString(operations)));
    }

    @Test
    void aQueuedImageShowsNoLocationsAndAnUploadedOneItsOnlyLocationAsDirectUrl() throws Exception {
        assertThat(created().get("locations")).isEqualTo(JSON.readTree("[]"));

        JsonNode image = uploaded(new byte[] {1, 2, 3});

        assertThat(image.get("locations")).hasSize(1);
        assertThat(image.get("locations").get(0).get("url").asText()).startsWith("file://").endsWith(image.get("id").asText());
        assertThat(image.get("locations").get(0).get("metadata")).isEqualTo(JSON.readTree("{}"));
        assertThat(image.get("direct_url").asText()).isEqualTo(image.get("locations").get(0).get("url").asText());
    }

    @Test
    void restrictedAndUnknownSchemesAreRefused() throws Exception {
        String id = created().get("id").asText();
        for (String url : new String[] {"gopher://info.cern.ch", "file:///etc/passwd", "filesystem:///etc/passwd",
                "swift+config://ref1/glance/" + id}) {
            HttpResponse<String> refused = patch(id, "[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\":"
                    + " {\"url\": \"" + url + "\", \"metadata\": {}}}]");
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(refused.body()).contains("Invalid location");
        }
        assertThat(show(id).get("status").asText()).isEqualTo("queued");
        assertThat(show(id).get("locations")).isEmpty();
    }

    @Test
    void theLastLocationCannotBeRemovedNorTheListEmptiedButItsMetadataMayChange() throws Exception {
        JsonNode image = uploaded(new byte[] {4, 5});
        String id = image.get("id").asText();
        String url = image.get("locations").get(0).get("url").asText();

        HttpResponse<String> removeLast = patch(id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]");
        assertThat(removeLast.statusCode()).isEqualTo(403);
        assertThat(removeLast.body()).contains("Cannot remove last location in the image.");
        assertThat(patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": []}]").statusCode())
                .isEqualTo(403);
        HttpResponse<String> otherUrl = patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\":"
                + " [{\"url\": \"http://example.invalid/x\", \"metadata\": {}}]}]");
        assertThat(otherUrl.statusCode()).isEqualTo(400);

        HttpResponse<String> sameAgain = patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\":"
                + " [{\"url\": \"" + url + "\", \"metadata\": {}}]}]");
        assertThat(sameAgain.statusCode()).isEqualTo(200);
        HttpResponse<String> newMetadata = patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\":"
                + " [{\"url\": \"" + url + "\", \"metadata\": {\"date\": \"2015-10-15\"}}]}]");
        assertThat(newMetadata.statusCode()).isEqualTo(200);
        assertThat(show(id).get("locations")).isEqualTo(JSON.readTree(
                "[{\"url\": \"" + url + "\", \"metadata\": {\"date\": \"2015-10-15\"}}]"));
        assertThat(server.sendForBytes(server.request("/v2/images/" + id + "/file").GET()).body())
                .isEqualTo(new byte[] {4, 5});
    }

    @Test
    void locationsOfAnImageThatIsNotActiveOrQueuedCannotChange() throws Exception {
        String id = uploaded(new byte[] {6}).get("id").asText();
        assertThat(server.send(server.request("/v2/images/" + id + "/actions/deactivate")
                .POST(BodyPublishers.noBody())).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = patch(id, "[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\":"
                + " {\"url\": \"http://example.invalid/x\", \"metadata\": {}}}]");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("It's not allowed to add locations if image status is deactivated.");
    }
}
