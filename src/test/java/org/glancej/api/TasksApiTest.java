package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The legacy tasks API on every database: create, show, list with paging, delete refused, bad input. */
class TasksApiTest extends EveryDatabaseApiTestSupport {
    private static final String IMPORT = "{\"type\": \"import\", \"input\": {\"import_from\": \"%s\","
            + " \"import_from_format\": \"qcow2\", \"image_properties\": {\"disk_format\": \"qcow2\","
            + " \"container_format\": \"bare\"}}}";

    private HttpResponse<String> create(String importFrom) throws Exception {
        return api.send("POST", "/v2/tasks", IMPORT.formatted(importFrom));
    }

    private JsonNode finished(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            JsonNode task = ApiCalls.json(api.send("GET", "/v2/tasks/" + id, null));
            if (task.get("status").asText().matches("success|failure") || Instant.now().isAfter(deadline)) {
                return task;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void importTaskIsCreatedPendingAndEndsWithAMessage() throws Exception {
        HttpResponse<String> created = create("http://93.184.216.34/cirros.qcow2");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode task = ApiCalls.json(created);
        String id = task.get("id").asText();
        // absolute, as webob makes upstream's path from the root when it sends the answer
        assertThat(created.headers().firstValue("Location")).hasValue(server.uri("/v2/tasks/" + id).toString());
        assertThat(task.get("type").asText()).isEqualTo("import");
        assertThat(task.get("status").asText()).isEqualTo("pending");
        assertThat(task.get("input").get("import_from_format").asText()).isEqualTo("qcow2");
        assertThat(task.get("self").asText()).isEqualTo("/v2/tasks/" + id);
        assertThat(task.get("schema").asText()).isEqualTo("/v2/schemas/task");
        assertThat(task.get("message").asText()).isEmpty();
        assertThat(task.get("request_id").asText()).isEqualTo(created.headers().firstValue("x-openstack-request-id")
                .orElseThrow());
        assertThat(task.has("expires_at")).isFalse();

        JsonNode done = finished(id);
        assertThat(done.get("status").asText()).isEqualTo("failure");
        // nothing answers there from the test machine, or not with an image: the task says why it failed
        assertThat(done.get("message").asText()).isNotEmpty().doesNotContain("not available on this service");
        assertThat(done.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(done.get("expires_at").asText()))
                .isAfter(Instant.now().plus(Duration.ofHours(47)));
    }

    @Test
    void anImportTaskMissingAnInputFieldFailsSayingWhichAndMakesNoImage() throws Exception {
        int imagesBefore = ApiCalls.json(api.send("GET", "/v2/images", null)).get("images").size();
        for (String field : List.of("import_from_format", "image_properties")) {
            String body = "{\"type\": \"import\", \"input\": {\"import_from\": \"http://93.184.216.34/a.img\""
                    + (field.equals("import_from_format") ? "" : ", \"import_from_format\": \"raw\"")
                    + (field.equals("image_properties") ? "" : ", \"image_properties\": {}") + "}}";
            HttpResponse<String> created = api.send("POST", "/v2/tasks", body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            JsonNode done = finished(ApiCalls.json(created).get("id").asText());
            assertThat(done.get("status").asText()).isEqualTo("failure");
            assertThat(done.get("message").asText()).isEqualTo("Input does not contain '" + field + "' field");
        }
        assertThat(ApiCalls.json(api.send("GET", "/v2/images", null)).get("images").size()).isEqualTo(imagesBefore);
    }

    @Test
    void importSourcesAreFilteredBeforeTheTaskExists() throws Exception {
        expect(create("file:///etc/passwd"), "File based imports are not allowed. Please use a non-local source of"
                + " image data.");
        expect(create("ftp://93.184.216.34/a"), "The given uri is not valid. Please specify a valid uri from the"
                + " following list of supported uri ['http']");
        for (String internal : new String[] {"http://127.0.0.1/a", "http://2130706433/a", "http://169.254.169.254/a",
                "http://[::1]/a", "http://0x7f000001/a", "http://93.184.216.34:8080/a"}) {
            expect(create(internal), "URI for legacy import task does not pass filtering: " + internal);
        }
        expect(api.send("POST", "/v2/tasks", "{\"type\": \"import\"}"), "Task 'input' is required");
        expect(api.send("POST", "/v2/tasks", "{\"input\": {}}"), "Task 'type' is required");
        expect(api.send("POST", "/v2/tasks", "{\"type\": \"bogus\", \"input\": {}}"),
                "Provided object does not match schema 'task': 'bogus' is not one of ['import', 'api_image_import',"
                        + " 'location_import']");
        expect(api.send("POST", "/v2/tasks", "{\"type\": \"import\", \"input\": []}"),
                "Provided object does not match schema 'task': [] is not of type 'null', 'object'");
        assertThat(ApiCalls.json(api.send("GET", "/v2/tasks?limit=1000", null)).get("tasks").toString())
                .doesNotContain("127.0.0.1");
    }

    @Test
    void tasksAreListedNewestFirstAndPaged() throws Exception {
        String first = ApiCalls.json(create("http://93.184.216.34/1")).get("id").asText();
        Thread.sleep(1100);
        String second = ApiCalls.json(create("http://93.184.216.34/2")).get("id").asText();

        HttpResponse<String> page = api.send("GET", "/v2/tasks?limit=1&type=import", null);

        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = ApiCalls.json(page);
        assertThat(body.get("tasks")).hasSize(1);
        JsonNode stub = body.get("tasks").get(0);
        assertThat(stub.get("id").asText()).isEqualTo(second);
        assertThat(stub.has("input")).isFalse();
        assertThat(body.get("first").asText()).isEqualTo("/v2/tasks?limit=1&type=import");
        assertThat(body.get("schema").asText()).isEqualTo("/v2/schemas/tasks");
        assertThat(body.get("next").asText()).isEqualTo("/v2/tasks?limit=1&type=import&marker=" + second);
        // following the links one task at a time gives every task once, newest first
        java.util.List<String> seen = new java.util.ArrayList<>(List.of(second));
        JsonNode current = body;
        while (current.has("next")) {
            current = ApiCalls.json(api.send("GET", current.get("next").asText(), null));
            current.get("tasks").forEach(t -> seen.add(t.get("id").asText()));
        }
        assertThat(seen).doesNotHaveDuplicates().containsSubsequence(second, first);
        JsonNode ascending = ApiCalls.json(api.send("GET", "/v2/tasks?sort_dir=asc&sort_key=created_at", null));
        assertThat(ascending.get("tasks").findValuesAsText("id")).containsSubsequence(first, second);
    }

    @Test
    void badListParametersAndUnknownTasksAreRefused() throws Exception {
        expect(api.send("GET", "/v2/tasks?sort_dir=up", null), "Invalid sort direction: up");
        expect(api.send("GET", "/v2/tasks?status=done", null), "Invalid status value: done");
        expect(api.send("GET", "/v2/tasks?type=api_image_import", null), "Invalid type value: api_image_import");
        expect(api.send("GET", "/v2/tasks?marker=nope", null), "Invalid marker format");
        expect(api.send("GET", "/v2/tasks?limit=-1", null), "limit param must be positive");
        expect(api.send("GET", "/v2/tasks?limit=x", null), "limit param must be an integer");
        expect(api.send("GET", "/v2/tasks?marker=00000000-0000-0000-0000-000000000000", null),
                "Task with the given ID 00000000-0000-0000-0000-000000000000 could not be found");
        assertThat(api.send("GET", "/v2/tasks/00000000-0000-0000-0000-000000000000", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void tasksCannotBeDeleted() throws Exception {
        String id = ApiCalls.json(create("http://93.184.216.34/x")).get("id").asText();

        HttpResponse<String> answer = api.send("DELETE", "/v2/tasks/" + id, null);

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
        assertThat(api.send("GET", "/v2/tasks/" + id, null).statusCode()).isEqualTo(200);
    }

    private static void expect(HttpResponse<String> answer, String message) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(ApiCalls.message(answer)).isEqualTo(message);
    }
}
