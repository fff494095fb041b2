package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.TokenCallers.ADMIN;
import static org.glancej.api.TokenCallers.MEMBER;
import static org.glancej.api.TokenCallers.READER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who may import, copy and read tasks, with upstream's secure-RBAC defaults behind Keystone. */
class ImportPolicyApiTest {
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();
    static final String OTHER = "other-project-token";

    static {
        KEYSTONE.tokens.put(OTHER, new FakeKeystone.Token("u9", "p2", List.of("member", "reader"),
                Instant.now().plusSeconds(3600)));
    }

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension(TokenCallers.config(KEYSTONE) + """
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
            """);

    private final ApiCalls api = new ApiCalls(server);

    @AfterAll
    static void stopKeystone() {
        KEYSTONE.close();
    }

    private String activeImageOfP1() throws Exception {
        String id = api.create(MEMBER, "{\"name\": \"p1\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        HttpResponse<String> uploaded = server.send(server.request("/v2/images/" + id + "/file")
                .header("X-Auth-Token", MEMBER).header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(new byte[4096])));
        assertThat(uploaded.statusCode()).isEqualTo(204);
        return id;
    }

    private String stagedImageOfP1() throws Exception {
        String id = api.create(MEMBER, "{\"name\": \"p1\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        Files.write(server.directory().resolve("staging").resolve(id), new byte[4096]);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.directory().resolve("glance.sqlite"));
                PreparedStatement ps = c.prepareStatement("UPDATE images SET status = 'uploading' WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return id;
    }

    private HttpResponse<String> importAs(String token, String id, String body) throws Exception {
        return api.send(token, "POST", "/v2/images/" + id + "/import", body);
    }

    @Test
    void copyImageIsForAdminsOnly() throws Exception {
        String id = activeImageOfP1();
        String copy = "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"fast\"]}";

        HttpResponse<String> member = importAs(MEMBER, id, copy);
        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(ApiCalls.message(member)).isEqualTo("You are not authorized to complete copy_image action.");
        assertThat(importAs(ADMIN, id, copy).statusCode()).isEqualTo(202);
    }

    @Test
    void theOwnersMembersImportReadersAndOtherProjectsCannot() throws Exception {
        String id = stagedImageOfP1();
        String direct = "{\"method\": {\"name\": \"glance-direct\"}}";

        assertThat(importAs(OTHER, id, direct).statusCode()).isEqualTo(404);
        assertThat(importAs(READER, id, direct).statusCode()).isEqualTo(403);
        assertThat(importAs(MEMBER, id, direct).statusCode()).isEqualTo(202);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode tasks;
        do {
            Thread.sleep(50);
            tasks = ApiCalls.json(api.send(READER, "GET", "/v2/images/" + id + "/tasks", null)).get("tasks");
        } while ((tasks.isEmpty() || !tasks.get(0).get("status").asText().equals("success"))
                && Instant.now().isBefore(deadline));
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("success");
        assertThat(tasks.get(0).get("owner").asText()).isEqualTo("p1");
        assertThat(tasks.get(0).get("user_id").asText()).isEqualTo("u1");
        assertThat(api.send(OTHER, "GET", "/v2/images/" + id + "/tasks", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theTasksApiIsForAdminsOnly() throws Exception {
        assertThat(api.send(MEMBER, "GET", "/v2/tasks", null).statusCode()).isEqualTo(403);
        assertThat(api.send(ADMIN, "GET", "/v2/tasks", null).statusCode()).isEqualTo(200);
    }
}
