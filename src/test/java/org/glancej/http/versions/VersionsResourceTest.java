package org.glancej.http.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.WebServer;
import org.glancej.http.BaseUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VersionsResourceTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static WebServer server;

    @BeforeAll
    static void start() {
        VersionsResource resource = new VersionsResource(VersionsDocument.of(false, false, Optional.empty()));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register(resource))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void rootAnswersMultipleChoices() throws Exception {
        HttpResponse<String> response = send("GET", "/");
        assertThat(response.statusCode()).isEqualTo(300);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode first = MAPPER.readTree(response.body()).get("versions").get(0);
        assertThat(first.get("id").asText()).isEqualTo("v2.17");
        assertThat(first.get("links").get(0).get("href").asText())
                .isEqualTo("http://127.0.0.1:" + server.port() + "/v2/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void versionsAnswersOkToAnyMethod(String method) throws Exception {
        HttpResponse<String> response = send(method, "/versions");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).get("versions").size()).isEqualTo(11);
    }

    @Test
    void linksFollowTheHostHeaderTheClientSent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /versions HTTP/1.1\r\nHost: glance.example.com\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // read up to the end of the JSON body rather than to EOF, so a lingering connection cannot hang the test
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[8192];
            int n;
            while (!received.toString().endsWith("]}") && (n = in.read(buffer)) > 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String response = received.toString();
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"href\": \"http://glance.example.com/v2/\"");
        }
    }

    @Test
    void defaultPortsAreLeftOut() {
        assertThat(BaseUrl.of(uri("http", "glance", 80))).isEqualTo("http://glance");
        assertThat(BaseUrl.of(uri("https", "glance", 443))).isEqualTo("https://glance");
        assertThat(BaseUrl.of(uri("https", "glance", 9292))).isEqualTo("https://glance:9292");
        assertThat(BaseUrl.of(uri("http", "::1", 9292))).isEqualTo("http://[::1]:9292");
    }

    private static UriInfo uri(String scheme, String host, int port) {
        return UriInfo.builder().scheme(scheme).host(host).port(port).build();
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                BodyHandlers.ofString());
    }
}
