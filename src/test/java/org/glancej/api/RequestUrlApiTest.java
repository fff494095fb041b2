package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request lines with URLs no client library would send, over raw sockets: a malformed percent escape is kept as
 * it is, as upstream's WSGI server keeps it, so it finds no image (404) or matches nothing (200).
 */
class RequestUrlApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RawHttp.Response get(String target) throws IOException {
        try (RawHttp http = new RawHttp(server.uri("/").getPort())) {
            return http.send(RawHttp.head("GET " + target + " HTTP/1.1", "Host: t", "Accept: application/json"))
                    .response();
        }
    }

    private static JsonNode error(RawHttp.Response res, int status) throws IOException {
        assertThat(res.status()).isEqualTo(status);
        assertThat(res.header("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("code").asText()).startsWith(status + " ");
        assertThat(body.get("title").asText()).isNotEmpty();
        return body;
    }

    @Test
    void anImageIdWithAMalformedPercentEscapeFindsNoImage() throws Exception {
        for (String target : new String[] {"/v2/images/%zz", "/v2/images/%", "/v2/images/a%2", "/v2/images/%zz/file"}) {
            assertThat(error(get(target), 404).get("message").asText()).as(target).contains("%");
        }
    }

    @Test
    void aListFilterWithAMalformedPercentEscapeIsAPropertyFilterThatMatchesNothing() throws Exception {
        for (String target : new String[] {"/v2/images?%zz=1", "/v2/images?name=%zz", "/v2/images?x=100%"}) {
            RawHttp.Response res = get(target);
            assertThat(res.status()).as(target).isEqualTo(200);
            assertThat(JSON.readTree(res.body()).get("images")).as(target).isEmpty();
        }
    }
}
