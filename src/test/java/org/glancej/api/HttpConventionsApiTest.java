package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpConventionsApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rootAnswersMultipleChoicesWithTheVersionsDocument() throws Exception {
        HttpResponse<String> root = server.send(server.request("/"));

        assertThat(root.statusCode()).isEqualTo(300);
        JsonNode versions = JSON.readTree(root.body()).get("versions");
        assertThat(versions).isNotEmpty();
        assertThat(versions.get(0).get("links").get(0).get("href").asText()).endsWith("/v2/");
        assertThat(server.send(server.request("/versions")).statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("/v3/images")).statusCode()).isEqualTo(300);
    }

    @Test
    void minorVersionPrefixesReachTheSameApi() throws Exception {
        assertThat(server.send(server.request("/v2.1/images/00000000-0000-0000-0000-000000000000"))
                .statusCode()).isEqualTo(404);
        assertThat(server.send(server.request("/v2.7/schemas/image")).statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("/v2/nothing-here")).statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesARequestIdAndReusesTheClients() throws Exception {
        assertThat(server.send(server.request("/versions")).headers().firstValue("x-openstack-request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req-"));
        assertThat(server.send(server.request("/v2/images/missing").header("X-Openstack-Request-ID", "req-mine"))
                .headers().firstValue("x-openstack-request-id")).contains("req-mine");
        assertThat(server.send(server.request("/versions").header("X-Openstack-Request-ID", "x".repeat(65)))
                .statusCode()).isEqualTo(431);
        assertThat(server.send(server.request("/versions").header("X-Openstack-Request-ID", "mine"))
                .headers().firstValue("x-openstack-request-id")).as("upstream's prefix").contains("req-mine");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> res = server.send(server.request("/v2/images/some-id/file")
                .POST(BodyPublishers.noBody()));

        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.headers().firstValue("Allow")).contains("GET, PUT");
    }

    @Test
    void errorsAreJsonWhenTheClientAcceptsJsonAndPlainOtherwise() throws Exception {
        HttpResponse<String> json = server.send(server.request("/v2/images/nope"));
        assertThat(json.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("code").asText()).isEqualTo("404 Not Found");
        assertThat(body.get("title").asText()).isEqualTo("Not Found");
        assertThat(body.get("message").asText()).contains("nope");

        HttpResponse<String> plain = server.send(server.request("/v2/images/nope").setHeader("Accept", "text/plain"));
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(plain.body()).startsWith("404 Not Found");
    }

    @Test
    void aBodyOnGetOrDeleteIsRefused() throws Exception {
        assertThat(server.send(server.request("/v2/images/x").method("GET", BodyPublishers.ofString("{}")))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void unsupportedMediaTypesAnswerWithWebobsTemplateNamingTheRequestsType() throws Exception {
        HttpResponse<String> created = server.send(server.request("/v2/images").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        String id = JSON.readTree(created.body()).get("id").asText();

        HttpResponse<String> patch = server.send(server.request("/v2/images/" + id)
                .header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString("[]")));
        assertThat(patch.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(patch.body()).get("message").asText())
                .isEqualTo("The request media type application/json is not supported by this server.\n<br /><br />\n");

        HttpResponse<String> upload = server.send(server.request("/v2/images/" + id + "/file")
                .header("Content-Type", "text/csv; charset=utf-8").PUT(BodyPublishers.ofString("a,b")));
        assertThat(upload.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(upload.body()).get("message").asText()).isEqualTo("The request media type "
                + "text/csv; charset=utf-8 is not supported by this server.\n<br /><br />\nInvalid content type text/csv");

        HttpResponse<String> html = server.send(server.request("/v2/images/" + id + "/file").setHeader("Accept", "text/html")
                .header("Content-Type", "text/<b>").PUT(BodyPublishers.ofString("x")));
        assertThat(html.body()).contains("text/&lt;b&gt; is not supported").contains("Invalid content type text/&lt;b&gt;");
    }
}
