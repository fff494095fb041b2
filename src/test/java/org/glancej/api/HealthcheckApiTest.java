package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /healthcheck over HTTP with Keystone on: no token needed, and the disable file drains the node live. */
class HealthcheckApiTest {
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension(TokenCallers.config(KEYSTONE) + """
            [healthcheck]
            disable_by_file_path = ${dir}/healthcheck_disable
            """);

    /** A request as a load balancer sends it: no token, no Accept header unless a test adds one. */
    private static HttpRequest.Builder health(String path) {
        return HttpRequest.newBuilder(API.uri(path));
    }

    @Test
    void answersOkWithoutAToken() throws Exception {
        HttpResponse<String> res = API.send(health("/healthcheck"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
        assertThat(res.body()).isEqualTo("OK");
        assertThat(API.send(API.request("/v2/images")).statusCode()).isEqualTo(401);
    }

    @Test
    void negotiatesJsonAndHtml() throws Exception {
        HttpResponse<String> json = API.send(health("/healthcheck").header("Accept", "application/json"));
        HttpResponse<String> html = API.send(health("/healthcheck").header("Accept", "text/html"));

        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.body()).isEqualTo("{\n    \"detailed\": false,\n    \"reasons\": [\n        \"OK\"\n    ]\n}");
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(html.body()).startsWith("<HTML>").contains("<TD>OK</TD>").hasSize(239);
    }

    @Test
    void headAnswersNoContent() throws Exception {
        HttpResponse<String> res = API.send(health("/healthcheck").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(res.statusCode()).isEqualTo(204);
        assertThat(res.body()).isEmpty();
    }

    @Test
    void otherMethodsAndQueryStringsAnswerAsGet() throws Exception {
        HttpResponse<String> post = API.send(health("/healthcheck").POST(HttpRequest.BodyPublishers.ofString("x")));
        HttpResponse<String> delete = API.send(health("/healthcheck?probe=1").DELETE());

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("OK");
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(delete.body()).isEqualTo("OK");
    }

    @Test
    void onlyTheExactPathIsTheHealthcheck() throws Exception {
        HttpResponse<String> res = API.send(health("/healthcheck/"));

        assertThat(res.body()).isNotEqualTo("OK");
    }

    @Test
    void touchingTheDisableFileDrainsTheNodeUntilItIsRemoved() throws Exception {
        Path file = API.directory().resolve("healthcheck_disable");
        Files.createFile(file);
        try {
            HttpResponse<String> get = API.send(health("/healthcheck"));
            HttpResponse<String> json = API.send(health("/healthcheck").header("Accept", "application/json"));
            HttpResponse<String> head = API.send(health("/healthcheck")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));

            assertThat(get.statusCode()).isEqualTo(503);
            assertThat(get.body()).isEqualTo("DISABLED BY FILE");
            assertThat(json.statusCode()).isEqualTo(503);
            assertThat(json.body()).contains("\"DISABLED BY FILE\"");
            assertThat(head.statusCode()).isEqualTo(503);
            assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
        } finally {
            Files.delete(file);
        }
        assertThat(API.send(health("/healthcheck")).statusCode()).isEqualTo(200);
    }
}
