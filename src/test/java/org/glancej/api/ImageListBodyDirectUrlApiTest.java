package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@link ImageListBodyApiTest} with {@code direct_url} the only field read from the locations. */
class ImageListBodyDirectUrlApiTest extends ImageListBodyApiTest {
    @Override
    protected String extraConfig() {
        return """
                [DEFAULT]
                show_image_direct_url = true
                """;
    }

    @Test
    void anImageWithDataShowsItsDirectUrlInTheList() throws Exception {
        images();

        JsonNode data = ApiCalls.json(api.send("GET", "/v2/images?name=data", null)).get("images").get(0);

        assertThat(data.get("direct_url").asText()).startsWith("file://");
        assertThat(data.has("locations")).isFalse();
    }
}
