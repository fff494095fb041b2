package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request bodies hold one JSON value and nothing after it, on every endpoint that reads one (as json.loads). */
class JsonBodyApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATCH_TYPE = "application/openstack-images-v2.1-json-patch";

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        return server.send(server.request(path).header("Content-Type", contentType)
                .method(method, BodyPublishers.ofString(body)));
    }

    private static void assertMalformed(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(JSON.readTree(res.body()).get("message").asText()).startsWith("Malformed JSON in request body.");
    }

    @Test
    void dataAfterTheJsonValueIsRefusedOnEveryJsonEndpoint() throws Exception {
        assertMalformed(send("POST", "/v2/images", "application/json", "{\"name\": \"x\"} garbage"));
        assertMalformed(send("POST", "/v2/images", "application/json", "{\"name\": \"x\"}{\"name\": \"y\"}"));
        assertMalformed(send("POST", "/v2/images", "application/json", "{\"name\": \"x\"} ]"));

        HttpResponse<String> created = send("POST", "/v2/images", "application/json",
                "{\"name\": \"x\", \"visibility\": \"shared\"}\n");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        String patch = "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"y\"}]";
        assertMalformed(send("PATCH", "/v2/images/" + id, PATCH_TYPE, patch + " garbage"));
        assertMalformed(send("PATCH", "/v2/images/" + id, PATCH_TYPE, patch + patch));
        assertThat(send("PATCH", "/v2/images/" + id, PATCH_TYPE, patch + " \r\n").statusCode()).isEqualTo(200);

        String members = "/v2/images/" + id + "/members";
        assertMalformed(send("POST", members, "application/json", "{\"member\": \"p1\"} x"));
        assertThat(send("POST", members, "application/json", "{\"member\": \"p1\"}").statusCode()).isEqualTo(200);
        assertMalformed(send("PUT", members + "/p1", "application/json", "{\"status\": \"accepted\"}{}"));

        assertThat(JSON.readTree(server.send(server.request("/v2/images/" + id)).body()).get("name").asText())
                .isEqualTo("y");
    }

    @Test
    void bodiesAreStrictUtf8WithoutAByteOrderMark() throws Exception {
        assertMalformed(sendBytes("{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16)));
        assertMalformed(sendBytes(concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8))));
        assertMalformed(sendBytes(concat("{\"name\": \"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, '"', '}'})));
        assertThat(JSON.readTree(server.send(server.request("/v2/images?name=x")).body()).get("images")).isEmpty();
    }

    private static HttpResponse<String> sendBytes(byte[] body) throws Exception {
        return server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(body)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
