package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Links behind a reverse proxy ({@code [oslo_middleware] enable_proxy_headers_parsing}): the absolute ones follow
 * the proxy's headers as upstream's {@code http_proxy_to_wsgi} reads them, the relative ones stay relative, and
 * with the option off the same headers change nothing.
 */
class ProxyHeadersApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ApiServerExtension PROXIED = new ApiServerExtension("""
            [oslo_middleware]
            enable_proxy_headers_parsing = true
            """);

    @RegisterExtension
    static final ApiServerExtension DIRECT = new ApiServerExtension();

    @RegisterExtension
    static final ApiServerExtension PUBLIC_ENDPOINT = new ApiServerExtension("""
            [DEFAULT]
            public_endpoint = https://glance.example.net:9443
            [oslo_middleware]
            enable_proxy_headers_parsing = true
            """);

    private static final String[] TLS_PROXY = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "images.example.org"};

    private static String created(ApiServerExtension api, String... headers) throws Exception {
        HttpResponse<String> res = api.send(api.request("/v2/images").headers(headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        assertThat(res.statusCode()).isEqualTo(201);
        String id = JSON.readTree(res.body()).get("id").asText();
        return res.headers().firstValue("Location").orElseThrow().replace(id, "<id>");
    }

    private static String versionsHref(ApiServerExtension api, String... headers) throws Exception {
        HttpResponse<String> res = api.send(api.request("/versions").headers(headers));
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode versions = JSON.readTree(res.body()).get("versions");
        String href = versions.get(0).get("links").get(0).get("href").asText();
        versions.forEach(v -> assertThat(v.get("links").get(0).get("href").asText()).isEqualTo(href));
        return href;
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    @Test
    void theLocationOfANewImageAndTheVersionsFollowTheProxysSchemeAndHost() throws Exception {
        assertThat(created(PROXIED, TLS_PROXY)).isEqualTo("https://images.example.org/v2/images/<id>");
        assertThat(versionsHref(PROXIED, TLS_PROXY)).isEqualTo("https://images.example.org/v2/");
        // a port that is the scheme's default is left out, another kept; the scheme alone keeps the request's host
        assertThat(versionsHref(PROXIED, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "images.example.org:443"))
                .isEqualTo("https://images.example.org/v2/");
        assertThat(versionsHref(PROXIED, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "images.example.org:8443"))
                .isEqualTo("https://images.example.org:8443/v2/");
        assertThat(versionsHref(PROXIED, "X-Forwarded-Proto", "https"))
                .isEqualTo("https://127.0.0.1:" + PROXIED.uri("/").getPort() + "/v2/");
    }

    @Test
    void theLocationOfANewTaskAndNamespaceFollowTheProxyToo() throws Exception {
        HttpResponse<String> task = PROXIED.send(PROXIED.request("/v2/tasks").headers(TLS_PROXY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"type": "import", "input": {"import_from": "http://93.184.216.34/cirros.qcow2",
                         "import_from_format": "qcow2", "image_properties": {"disk_format": "qcow2",
                         "container_format": "bare"}}}""")));
        HttpResponse<String> namespace = PROXIED.send(PROXIED.request("/v2/metadefs/namespaces").headers(TLS_PROXY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\": \"ProxiedLocation\"}")));

        assertThat(task.statusCode()).as(task.body()).isEqualTo(201);
        assertThat(task.headers().firstValue("Location")).hasValue(
                "https://images.example.org/v2/tasks/" + JSON.readTree(task.body()).get("id").asText());
        assertThat(namespace.statusCode()).as(namespace.body()).isEqualTo(201);
        assertThat(namespace.headers().firstValue("Location"))
                .hasValue("https://images.example.org/v2/metadefs/namespaces/ProxiedLocation");
    }

    @Test
    void aPrefixIsInTheVersionsLinksAndNotInLocationAsUpstreamJoinsIt() throws Exception {
        String[] prefixed = with(TLS_PROXY, "X-Forwarded-Prefix", "/image");

        assertThat(versionsHref(PROXIED, prefixed)).isEqualTo("https://images.example.org/image/v2/");
        assertThat(created(PROXIED, prefixed)).isEqualTo("https://images.example.org/v2/images/<id>");
        assertThat(versionsHref(PROXIED, with(TLS_PROXY, "X-Forwarded-Prefix", "/image/")))
                .isEqualTo("https://images.example.org/image/v2/");
    }

    @Test
    void rfc7239ForwardedIsReadFromItsFirstElementAndWinsOverTheXForwardedHeaders() throws Exception {
        String forwarded = "for=192.0.2.60;proto=https;host=\"images.example.org:8443\", for=10.0.0.1;proto=http;host=lb";

        assertThat(versionsHref(PROXIED, "Forwarded", forwarded, "X-Forwarded-Proto", "http",
                "X-Forwarded-Host", "other.example.org")).isEqualTo("https://images.example.org:8443/v2/");
        assertThat(created(PROXIED, "Forwarded", "Proto=https;Host=images.example.org"))
                .isEqualTo("https://images.example.org/v2/images/<id>");
        // an element without proto or host leaves the request's own
        assertThat(versionsHref(PROXIED, "Forwarded", "for=192.0.2.60"))
                .isEqualTo("http://127.0.0.1:" + PROXIED.uri("/").getPort() + "/v2/");
    }

    @Test
    void valuesNoUrlCouldHoldAreIgnored() throws Exception {
        String own = "http://127.0.0.1:" + PROXIED.uri("/").getPort() + "/v2/";

        assertThat(versionsHref(PROXIED, "X-Forwarded-Proto", "javascript")).isEqualTo(own);
        assertThat(versionsHref(PROXIED, "X-Forwarded-Host", "evil.example/x?")).isEqualTo(own);
        assertThat(versionsHref(PROXIED, "X-Forwarded-Host", "user@evil.example")).isEqualTo(own);
        assertThat(versionsHref(PROXIED, "X-Forwarded-Prefix", "image")).isEqualTo(own);
        assertThat(versionsHref(PROXIED, "X-Forwarded-Host", "[::1]:9292"))
                .isEqualTo("http://[::1]:9292/v2/");
        // several proxies appended theirs: the first, nearest the client
        assertThat(versionsHref(PROXIED, "X-Forwarded-Proto", "https, http", "X-Forwarded-Host",
                "images.example.org, lb.internal", "X-Forwarded-Prefix", "/image, /inner"))
                .isEqualTo("https://images.example.org/image/v2/");
    }

    @Test
    void relativeLinksStayRelative() throws Exception {
        PROXIED.createRawImage();
        PROXIED.createRawImage();
        HttpResponse<String> res = PROXIED.send(PROXIED.request("/v2/images?limit=1").headers(TLS_PROXY));

        JsonNode page = JSON.readTree(res.body());
        assertThat(page.get("first").asText()).isEqualTo("/v2/images?limit=1");
        assertThat(page.get("next").asText()).startsWith("/v2/images?limit=1&marker=");
        JsonNode image = page.get("images").get(0);
        assertThat(image.get("self").asText()).startsWith("/v2/images/");
        assertThat(image.get("file").asText()).endsWith("/file").startsWith("/v2/images/");
        assertThat(image.get("schema").asText()).isEqualTo("/v2/schemas/image");
    }

    @Test
    void withTheOptionOffForgedHeadersChangeNothing() throws Exception {
        String own = "http://127.0.0.1:" + DIRECT.uri("/").getPort();
        String[] forged = with(TLS_PROXY, "X-Forwarded-Prefix", "/image", "Forwarded", "proto=https;host=evil.example");

        assertThat(created(DIRECT, forged)).isEqualTo(own + "/v2/images/<id>");
        assertThat(versionsHref(DIRECT, forged)).isEqualTo(own + "/v2/");
        HttpResponse<String> root = DIRECT.send(DIRECT.request("/").headers(forged));
        assertThat(root.statusCode()).isEqualTo(300);
        assertThat(root.body()).contains(own + "/v2/").doesNotContain("example");
    }

    @Test
    void thePublicEndpointTakesPrecedenceInTheVersionsDocument() throws Exception {
        assertThat(versionsHref(PUBLIC_ENDPOINT, with(TLS_PROXY, "X-Forwarded-Prefix", "/image")))
                .isEqualTo("https://glance.example.net:9443/v2/");
        // upstream builds Location from the request, not from public_endpoint
        assertThat(created(PUBLIC_ENDPOINT, TLS_PROXY)).isEqualTo("https://images.example.org/v2/images/<id>");
    }
}
