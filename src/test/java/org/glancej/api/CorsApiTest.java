package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code [cors]} as oslo.middleware's filter answers with upstream Glance's defaults: preflights before
 * authentication, the origin headers on answers to an allowed origin (errors included), nothing for others.
 */
class CorsApiTest {
    private static final String HORIZON = "https://horizon.example.org";
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension("""
            [cors]
            allowed_origin = https://horizon.example.org,https://other.example.org
            """);

    @RegisterExtension
    static final ApiServerExtension KEYSTONE_API = new ApiServerExtension(TokenCallers.config(KEYSTONE) + """
            [cors]
            allowed_origin = *
            max_age = 0
            allow_credentials = false
            """);

    private static HttpResponse<String> preflight(ApiServerExtension api, String path, String origin, String method,
            String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return api.send(request);
    }

    private static void assertNoCors(HttpHeaders headers) {
        assertThat(headers.map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithUpstreamsHeaders() throws Exception {
        HttpResponse<String> res = preflight(API, "/v2/images/x/file", HORIZON, "PUT", "X-Auth-Token, content-type");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
        assertThat(res.headers().firstValue("Content-Type")).isEmpty();
        HttpHeaders h = res.headers();
        assertThat(h.firstValue("Access-Control-Allow-Origin")).hasValue(HORIZON);
        assertThat(h.firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(h.firstValue("Access-Control-Max-Age")).hasValue("3600");
        assertThat(h.firstValue("Access-Control-Allow-Methods")).hasValue("PUT");
        assertThat(h.firstValue("Access-Control-Allow-Headers")).hasValue("X-Auth-Token,content-type");
        assertThat(h.firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void aPreflightNotAllowedIsAnsweredWithoutCorsHeaders() throws Exception {
        // another origin; a method outside Glance's five; a header outside Glance's list and the simple ones
        for (HttpResponse<String> res : new HttpResponse[] {
                preflight(API, "/v2/images", "https://evil.example.org", "GET", null),
                preflight(API, "/v2/images", HORIZON, "TRACE", null),
                preflight(API, "/v2/images", HORIZON, "GET", "X-Auth-Token, X-Evil")}) {
            assertThat(res.statusCode()).isEqualTo(200);
            assertNoCors(res.headers());
        }
        HttpResponse<String> noOrigin = API.send(HttpRequest.newBuilder(API.uri("/v2/images"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(noOrigin.statusCode()).isEqualTo(200);
        assertNoCors(noOrigin.headers());
    }

    @Test
    void aCrossOriginUploadAndErrorsCarryTheOriginHeaders() throws Exception {
        String id = API.createRawImage();
        HttpResponse<String> upload = API.send(API.request("/v2/images/" + id + "/file").header("Origin", HORIZON)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofString("data")));
        HttpResponse<String> missing = API.send(API.request("/v2/images/" + UUID.randomUUID())
                .header("Origin", HORIZON));

        for (HttpResponse<String> res : List.of(upload, missing)) {
            HttpHeaders h = res.headers();
            assertThat(h.firstValue("Access-Control-Allow-Origin")).hasValue(HORIZON);
            assertThat(h.firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(h.firstValue("Access-Control-Expose-Headers")).hasValue(
                    "X-Image-Meta-Checksum,X-Auth-Token,X-Subject-Token,X-Service-Token,X-OpenStack-Request-ID");
            assertThat(h.firstValue("Vary")).hasValue("Origin");
            assertThat(h.firstValue("Access-Control-Allow-Methods")).isEmpty();
        }
        assertThat(upload.statusCode()).isEqualTo(204);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertNoCors(API.send(API.request("/v2/images").header("Origin", "https://evil.example.org")).headers());
    }

    @Test
    void withKeystoneAPreflightNeedsNoTokenAndAnyOriginIsAnsweredWithAStar() throws Exception {
        HttpResponse<String> res = preflight(KEYSTONE_API, "/v2/images", "https://anywhere.example.org", "POST",
                "X-Auth-Token");
        HttpResponse<String> unauthenticated = KEYSTONE_API.send(KEYSTONE_API.request("/v2/images")
                .header("Origin", "https://anywhere.example.org"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(res.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(res.headers().firstValue("Access-Control-Max-Age")).isEmpty();
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void theHealthcheckIsOutsideIt() throws Exception {
        HttpResponse<String> res = preflight(API, "/healthcheck", HORIZON, "GET", null);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("OK");
        assertNoCors(res.headers());
    }
}
