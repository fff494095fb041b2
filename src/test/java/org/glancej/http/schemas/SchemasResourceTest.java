package org.glancej.http.schemas;

import io.helidon.webserver.WebServer;
import org.glancej.common.GlanceException;
import org.glancej.http.ErrorResponses;
import org.glancej.images.ImagesConfig;
import org.glancej.images.request.ImageBaseProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemasResourceTest {
    static final List<String> NAMES = SchemaDocuments.NAMES;
    private static final SchemaDocuments DOCUMENTS = new SchemaDocuments(
            ImageBaseProperties.build(ImagesConfig.DEFAULT_DISK_FORMATS, ImagesConfig.DEFAULT_CONTAINER_FORMATS),
            CustomImageProperties.shippedDefault());
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/v2/schemas", new SchemasResource(DOCUMENTS))
                        .error(GlanceException.class, ErrorResponses::send))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void getServesTheDocumentAsJson(String name) throws Exception {
        HttpResponse<byte[]> response = send("GET", name, BodyPublishers.noBody());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(DOCUMENTS.json(name).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "HEAD"})
    void otherMethodsAreNotAllowed(String method) throws Exception {
        HttpResponse<byte[]> response = send(method, "image", BodyPublishers.noBody());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void getWithABodyIsRejected() throws Exception {
        HttpResponse<byte[]> response = send("GET", "images", BodyPublishers.ofString("{}"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("A body is not expected with this request.");
    }

    @Test
    void unknownSchemaIsNotFound() throws Exception {
        assertThat(send("GET", "metadefs", BodyPublishers.noBody()).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> send(String method, String name, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v2/schemas/" + name);
        return CLIENT.send(HttpRequest.newBuilder(uri).method(method, body).build(), BodyHandlers.ofByteArray());
    }
}
