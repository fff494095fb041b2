package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glancej.images.data.format.HostileImages;
import org.glancej.images.data.format.HostileImages.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Uploads judged against their declared disk_format over HTTP, with the default and the relaxed options. */
class FormatEnforcementApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // luks and gpt are not in upstream's default list; an operator adds them to use them
    static final String FORMATS = "[image_format]\n"
            + "disk_formats = ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop,luks,gpt\n";

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension(FORMATS);

    @TempDir
    static Path dir;
    static List<Case> refused;
    private static List<Case> accepted;

    @BeforeAll
    static void makeSamples() throws Exception {
        refused = HostileImages.refused(dir);
        accepted = HostileImages.accepted(dir);
    }

    static Stream<Case> refused() {
        return refused.stream();
    }

    static Stream<Case> accepted() {
        return accepted.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void reproducedUploadIsRefusedAndLeavesTheImageQueuedWithoutData(Case c) throws Exception {
        String id = create(server, c.diskFormat());

        HttpResponse<String> answer = upload(server, id, c.bytes());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
        assertThat(JSON.readTree(answer.body()).get("message").asText())
                .containsAnyOf("does not match stream data", "Image failed safety checks");
        assertQueuedWithoutData(server, id);
    }

    @Test
    void mismatchAnswersWithUpstreamsMessage() throws Exception {
        String id = create(server, "raw");

        HttpResponse<String> answer = upload(server, id, refused.getFirst().bytes());

        assertThat(JSON.readTree(answer.body()).get("message").asText())
                .isEqualTo("The request media type application/octet-stream is not supported by this server.\n"
                        + "<br /><br />\nImage disk_format raw does not match stream data qcow2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void realImageIsAcceptedAsItsOwnFormat(Case c) throws Exception {
        String id = create(server, c.diskFormat());

        HttpResponse<String> answer = upload(server, id, c.bytes());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        JsonNode image = show(server, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(c.bytes().length);
    }

    static String create(ApiServerExtension api, String diskFormat) throws Exception {
        HttpResponse<String> created = api.send(api.request("/v2/images")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"f\", \"disk_format\": \"" + diskFormat
                        + "\", \"container_format\": \"bare\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    static HttpResponse<String> upload(ApiServerExtension api, String id, byte[] data) throws Exception {
        return api.send(api.request("/v2/images/" + id + "/file")
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)));
    }

    static JsonNode show(ApiServerExtension api, String id) throws Exception {
        return JSON.readTree(api.send(api.request("/v2/images/" + id)).body());
    }

    static void assertQueuedWithoutData(ApiServerExtension api, String id) throws Exception {
        JsonNode image = show(api, id);
        assertThat(image.get("status").asText()).isEqualTo("queued");
        assertThat(image.get("size").isNull()).isTrue();
        Path images = api.directory().resolve("images");
        if (Files.isDirectory(images)) {
            try (Stream<Path> files = Files.list(images)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(id));
            }
        }
    }
}
