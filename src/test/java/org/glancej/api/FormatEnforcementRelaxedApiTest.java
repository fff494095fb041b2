package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.FormatEnforcementApiTest.assertQueuedWithoutData;
import static org.glancej.api.FormatEnforcementApiTest.create;
import static org.glancej.api.FormatEnforcementApiTest.show;
import static org.glancej.api.FormatEnforcementApiTest.upload;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.glancej.images.data.format.HostileImages;
import org.glancej.images.data.format.HostileImages.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With {@code require_image_format_match = false}, content of another format is stored as upstream stores it. */
class FormatEnforcementRelaxedApiTest {
    @RegisterExtension
    static final ApiServerExtension server =
            new ApiServerExtension(FormatEnforcementApiTest.FORMATS + "require_image_format_match = false\n");

    @TempDir
    static Path dir;
    private static List<Case> mismatched;
    private static List<Case> unsafe;

    @BeforeAll
    static void makeSamples() throws Exception {
        List<Case> refused = HostileImages.refused(dir);
        mismatched = refused.subList(0, 10);
        unsafe = refused.subList(10, refused.size());
    }

    @Test
    void mismatchedContentIsStored() throws Exception {
        for (Case c : mismatched) {
            String id = create(server, c.diskFormat());
            HttpResponse<String> answer = upload(server, id, c.bytes());
            assertThat(answer.statusCode()).as(c.label() + ": " + answer.body()).isEqualTo(204);
            assertThat(show(server, id).get("status").asText()).isEqualTo("active");
        }
    }

    @Test
    void qcow2DeclaredRawIsSizedByItsBytesAsUpstreamDoes() throws Exception {
        Case qcow2AsRaw = mismatched.getFirst();
        String id = create(server, "raw");
        upload(server, id, qcow2AsRaw.bytes());

        assertThat(show(server, id).get("virtual_size").asLong()).isEqualTo(qcow2AsRaw.bytes().length);
    }

    @Test
    void unsafeContentIsStillRefused() throws Exception {
        for (Case c : unsafe) {
            String id = create(server, c.diskFormat());
            HttpResponse<String> answer = upload(server, id, c.bytes());
            assertThat(answer.statusCode()).as(c.label()).isEqualTo(415);
            assertThat(answer.body()).contains("Image failed safety checks");
            assertQueuedWithoutData(server, id);
        }
    }
}
