package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@link ImageListBodyApiTest} with several stores: {@code stores}, from the locations, the only field read from them. */
class ImageListBodyMultiStoreApiTest extends ImageListBodyApiTest {
    @Override
    protected String extraConfig() {
        return """
                [DEFAULT]
                enabled_backends = fast:file, cheap:file
                [glance_store]
                default_backend = cheap
                [fast]
                filesystem_store_datadir = ${dir}/fast
                [cheap]
                filesystem_store_datadir = ${dir}/cheap
                [os_glance_staging_store]
                filesystem_store_datadir = ${dir}/staging
                [os_glance_tasks_store]
                filesystem_store_datadir = ${dir}/tasks
                """;
    }

    @Test
    void anImageWithDataShowsItsStoreInTheList() throws Exception {
        images();

        JsonNode data = ApiCalls.json(api.send("GET", "/v2/images?name=data", null)).get("images").get(0);

        assertThat(data.get("stores").asText()).isEqualTo("cheap");
        assertThat(data.has("locations")).isFalse();
    }
}
