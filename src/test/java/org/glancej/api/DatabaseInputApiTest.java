package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input that one database stores differently from another, or refuses with an error of its own: the service
 * decides about it before SQL, so every database gives the same answer, and what a 2xx echoes is what is stored.
 */
class DatabaseInputApiTest extends EveryDatabaseApiTestSupport {
    private static final String NUL = "NUL (U+0000) is not allowed";
    private static final String SURROGATE = "unpaired surrogate";
    private static final String BAD_URL_UTF8 = "not valid UTF-8";
    private static final String PATCH = "application/openstack-images-v2.1-json-patch";

    /** A request (with {@code {id}} standing for an existing image's id) and the start of its 400 message. */
    static List<Arguments> refusedRequests() {
        return List.of(
                Arguments.of("POST", "/v2/images", "{\"name\": \"a\\u0000b\"}", NUL),
                Arguments.of("POST", "/v2/images", "{\"a\\u0000b\": \"v\"}", NUL),
                Arguments.of("POST", "/v2/images", "{\"k\": \"a\\u0000b\"}", NUL),
                Arguments.of("POST", "/v2/images", "{\"tags\": [\"a\\u0000b\"]}", NUL),
                Arguments.of("PATCH", "/v2/images/{id}", "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"a\\u0000b\"}]", NUL),
                Arguments.of("PATCH", "/v2/images/{id}", "[{\"op\": \"add\", \"path\": \"/a\\u0000b\", \"value\": \"v\"}]", NUL),
                Arguments.of("PATCH", "/v2/images/{id}", "[{\"op\": \"add\", \"path\": \"/k\", \"value\": \"a\\u0000b\"}]", NUL),
                Arguments.of("PATCH", "/v2/images/{id}", "[{\"op\": \"replace\", \"path\": \"/tags\", \"value\": [\"a\\u0000b\"]}]", NUL),
                Arguments.of("PUT", "/v2/images/{id}/tags/a%00b", null, NUL),
                Arguments.of("DELETE", "/v2/images/{id}/tags/a%00b", null, NUL),
                Arguments.of("GET", "/v2/images?name=a%00b", null, NUL),
                Arguments.of("GET", "/v2/images?tag=a%00b", null, NUL),
                Arguments.of("GET", "/v2/images?marker=a%00b", null, NUL),
                Arguments.of("GET", "/v2/images?owner=a%00b", null, NUL),
                Arguments.of("GET", "/v2/images?k=a%00b", null, NUL),
                Arguments.of("GET", "/v2/images?a%00b=v", null, NUL),
                Arguments.of("GET", "/v2/images/a%00b", null, NUL),
                Arguments.of("DELETE", "/v2/images/a%00b", null, NUL),
                Arguments.of("POST", "/v2/images/{id}/members", "{\"member\": \"a\\u0000b\"}", NUL),
                Arguments.of("GET", "/v2/images/{id}/members/a%00b", null, NUL),
                Arguments.of("PUT", "/v2/images/{id}/members/a%00b", "{\"status\": \"accepted\"}", NUL),
                Arguments.of("POST", "/v2/images", "{\"name\": \"\\ud800\"}", SURROGATE),
                Arguments.of("POST", "/v2/images", "{\"k\": \"x\\udc00\"}", SURROGATE),
                // the JSON parser itself refuses a lone surrogate in a key
                Arguments.of("POST", "/v2/images", "{\"\\ud800\": \"v\"}", "Malformed JSON in request body."),
                Arguments.of("POST", "/v2/images", "{\"tags\": [\"\\ud800\"]}", SURROGATE),
                Arguments.of("PATCH", "/v2/images/{id}", "[{\"op\": \"add\", \"path\": \"/k\", \"value\": \"\\ud800\"}]", SURROGATE),
                Arguments.of("POST", "/v2/images/{id}/members", "{\"member\": \"\\ud800\"}", SURROGATE),
                Arguments.of("PUT", "/v2/images/{id}/tags/%ED%A0%80", null, BAD_URL_UTF8),
                Arguments.of("PUT", "/v2/images/{id}/tags/a%FFb", null, BAD_URL_UTF8),
                Arguments.of("GET", "/v2/images?name=%ED%A0%80", null, BAD_URL_UTF8),
                Arguments.of("GET", "/v2/images?tag=%C3", null, BAD_URL_UTF8),
                Arguments.of("GET", "/v2/images/%ED%A0%80", null, BAD_URL_UTF8));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("refusedRequests")
    void inputNoDatabaseCanStoreAsSentIsRefusedAndChangesNothing(String method, String path, String body,
            String message) throws Exception {
        String id = api.create(null, "{\"name\": \"untouched\", \"tags\": [\"t\"], \"k\": \"v\"}");
        JsonNode before = api.show(null, id);

        HttpResponse<String> answer = send(method, path.replace("{id}", id), body);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(ApiCalls.message(answer)).contains(message);
        assertThat(api.show(null, id)).isEqualTo(before);
    }

    /** Bytes that are not UTF-8, sent unescaped in the request line, which the server reads as U+FFFD. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rawBytesNotUtf8")
    void rawUrlBytesThatAreNotUtf8AreRefusedAndChangeNothing(String label, byte[] tag) throws Exception {
        String id = api.create(null, "{\"tags\": [\"t\"]}");
        JsonNode before = api.show(null, id);
        byte[] path = ("/v2/images/" + id + "/tags/").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        String statusLine = rawStatusLine("PUT", path, tag);

        assertThat(statusLine).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(api.show(null, id)).isEqualTo(before);
    }

    static List<Arguments> rawBytesNotUtf8() {
        return List.of(Arguments.of("0xFF", new byte[] {'a', (byte) 0xFF, 'b'}),
                Arguments.of("surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    private String rawStatusLine(String method, byte[] path, byte[] tail) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write((method + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(path);
            out.write(tail);
            out.write(" HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    @Test
    void propertyValueOfTextColumnSizeIsStoredWhole() throws Exception {
        String value = "x".repeat(65_535);

        JsonNode created = createdAndStored("{\"k\": \"" + value + "\"}");

        assertThat(created.get("k").asText()).isEqualTo(value);
    }

    @Test
    void propertyValueOverTextColumnBytesIsRefused() throws Exception {
        // 21,846 three-byte characters: short in characters, 65,538 bytes of UTF-8
        for (String value : List.of("x".repeat(65_536), "\u20ac".repeat(21_846))) {
            HttpResponse<String> answer = api.send("POST", "/v2/images", "{\"k\": \"" + value + "\"}");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(ApiCalls.message(answer)).isEqualTo(
                    "Property value of 'k' is too long: at most 65535 bytes (UTF-8) can be stored.");
        }
    }

    @Test
    void patchToPropertyValueOverTextColumnBytesIsRefusedAndChangesNothing() throws Exception {
        String id = api.create(null, "{\"k\": \"v\"}");
        JsonNode before = api.show(null, id);

        HttpResponse<String> answer = api.send("PATCH", "/v2/images/" + id,
                "[{\"op\": \"replace\", \"path\": \"/k\", \"value\": \"" + "y".repeat(70_000) + "\"}]");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(ApiCalls.message(answer)).isEqualTo(
                "Property value of 'k' is too long: at most 65535 bytes (UTF-8) can be stored.");
        assertThat(api.show(null, id)).isEqualTo(before);
    }

    static List<Arguments> collidingPropertyNames() {
        return List.of(Arguments.of("Foo", "foo"), Arguments.of("k", "k "), Arguments.of("caf\u00e9", "cafe"),
                Arguments.of("CAF\u00c9", "caf\u00e9"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("collidingPropertyNames")
    void createWithPropertyNamesTheDatabaseCannotTellApartIsRefused(String first, String second)
            throws Exception {
        HttpResponse<String> answer = api.send("POST", "/v2/images",
                "{\"" + first + "\": \"1\", \"" + second + "\": \"2\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(ApiCalls.message(answer)).isEqualTo("Property names '" + first + "' and '" + second
                + "' differ only in letter case, accents or trailing spaces, so they cannot both be stored.");
    }

    static List<Arguments> collidingPatchNames() {
        // a PATCH path is stripped of surrounding whitespace, as upstream's is: "/k " names k itself
        return collidingPropertyNames().stream().filter(pair -> !pair.get()[1].equals("k ")).toList();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("collidingPatchNames")
    void patchAddingANameThatCollidesWithAnExistingPropertyIsRefusedAndChangesNothing(String first, String second)
            throws Exception {
        String id = api.create(null, "{\"" + first + "\": \"1\"}");
        JsonNode before = api.show(null, id);

        HttpResponse<String> answer = api.send("PATCH", "/v2/images/" + id,
                "[{\"op\": \"add\", \"path\": \"/" + second + "\", \"value\": \"2\"}]");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(ApiCalls.message(answer)).isEqualTo("Property names '" + first + "' and '" + second
                + "' differ only in letter case, accents or trailing spaces, so they cannot both be stored.");
        assertThat(api.show(null, id)).isEqualTo(before);
    }

    @Test
    void propertyRenamedToAnotherCaseReplacesTheOldName() throws Exception {
        String id = api.create(null, "{\"Foo\": \"1\"}");

        HttpResponse<String> answer = api.send("PATCH", "/v2/images/" + id,
                "[{\"op\": \"remove\", \"path\": \"/Foo\"}, {\"op\": \"add\", \"path\": \"/foo\", \"value\": \"2\"}]");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode stored = api.show(null, id);
        assertThat(stored).isEqualTo(ApiCalls.json(answer));
        assertThat(stored.has("Foo")).isFalse();
        assertThat(stored.get("foo").asText()).isEqualTo("2");
    }

    @Test
    void tagsTheDatabaseCannotTellApartAreRefused() throws Exception {
        HttpResponse<String> created = api.send("POST", "/v2/images", "{\"tags\": [\"a\", \"A \"]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(409);
        assertThat(ApiCalls.message(created)).isEqualTo(
                "Tags 'a' and 'A ' differ only in letter case, accents or trailing spaces, so they cannot both be stored.");

        String id = api.create(null, "{\"tags\": [\"caf\u00e9\"]}");
        JsonNode before = api.show(null, id);
        HttpResponse<String> added = api.send("PUT", "/v2/images/" + id + "/tags/CAFE", null);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(409);
        assertThat(ApiCalls.message(added)).isEqualTo(
                "Tags 'caf\u00e9' and 'CAFE' differ only in letter case, accents or trailing spaces, so they cannot both be stored.");
        assertThat(api.show(null, id)).isEqualTo(before);
    }

    @Test
    void tagsAnOlderWriterStoredInTwoCasesDoNotBlockOtherChanges() throws Exception {
        String id = api.create(null, "{\"tags\": [\"t\"]}");
        try (java.sql.Connection c = fresh.connect(); java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO image_tags (image_id, value, created_at, deleted) VALUES (?, 'T', ?, ?)")) {
            ps.setString(1, id);
            ps.setTimestamp(2, java.sql.Timestamp.valueOf("2026-01-01 00:00:00"));
            ps.setBoolean(3, false);
            ps.executeUpdate();
        }

        HttpResponse<String> renamed = api.send("PATCH", "/v2/images/" + id,
                "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"n\"}]");

        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(tagSet(api.show(null, id))).containsExactly("T", "t");
        HttpResponse<String> third = api.send("PUT", "/v2/images/" + id + "/tags/t%20", null);
        assertThat(third.statusCode()).as(third.body()).isEqualTo(409);
    }

    @Test
    void tagReplacedByAnotherCaseKeepsOnlyTheNewOne() throws Exception {
        String id = api.create(null, "{\"tags\": [\"a\", \"b\"]}");

        HttpResponse<String> answer = api.send("PATCH", "/v2/images/" + id,
                "[{\"op\": \"replace\", \"path\": \"/tags\", \"value\": [\"A\", \"b\"]}]");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode stored = api.show(null, id);
        // tags are a set: the answer lists them as sent, a later read in the order they were stored
        assertThat(tagSet(stored)).isEqualTo(tagSet(ApiCalls.json(answer))).containsExactly("A", "b");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored).remove("tags");
        JsonNode answered = ApiCalls.json(answer);
        ((com.fasterxml.jackson.databind.node.ObjectNode) answered).remove("tags");
        assertThat(stored).isEqualTo(answered);
    }

    @Test
    void memberIdsTheDatabaseCannotTellApartAreOneMember() throws Exception {
        String id = api.create(null, "{\"visibility\": \"shared\"}");
        String members = "/v2/images/" + id + "/members";
        assertThat(api.send("POST", members, "{\"member\": \"alt\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> again = api.send("POST", members, "{\"member\": \"Alt\"}");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(ApiCalls.message(again)).isEqualTo("Member Alt is duplicated for image " + id);
        assertThat(api.send("GET", members + "/Alt", null).statusCode()).isEqualTo(404);
        assertThat(api.send("PUT", members + "/Alt", "{\"status\": \"accepted\"}").statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", members + "/Alt", null).statusCode()).isEqualTo(404);
        JsonNode listed = ApiCalls.json(api.send("GET", members, null)).get("members");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("member_id").asText()).isEqualTo("alt");
        assertThat(listed.get(0).get("status").asText()).isEqualTo("pending");

        assertThat(api.send("DELETE", members + "/alt", null).statusCode()).isEqualTo(204);
        HttpResponse<String> added = api.send("POST", members, "{\"member\": \"ALT\"}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(ApiCalls.json(added).get("member_id").asText()).isEqualTo("ALT");
        HttpResponse<String> shown = api.send("GET", members + "/ALT", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(ApiCalls.json(shown)).isEqualTo(ApiCalls.json(added));
    }

    @Test
    void listFiltersMatchTextExactlyOnEveryDatabase() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String id = api.create(null, "{\"name\": \"Foo-" + unique + "\", \"p-" + unique + "\": \"Caf\u00e9\","
                + " \"tags\": [\"Tag-" + unique + "\"]}");
        String upperId = id.toUpperCase(Locale.ROOT);

        // like upstream, a tag filter is stripped of surrounding whitespace
        for (String matching : List.of("tag=Tag-" + unique + "%20", "name=Foo-" + unique, "p-" + unique + "=Caf%C3%A9", "tag=Tag-" + unique,
                "id=" + upperId, "id=in:" + upperId + ",x", "name=in:Foo-" + unique + ",x")) {
            assertThat(listedIds(matching)).as(matching).containsExactly(id);
        }
        for (String other : List.of("name=foo-" + unique, "name=Foo-" + unique + "%20", "name=F%C3%B3o-" + unique,
                "p-" + unique + "=cafe", "p-" + unique + "=Caf%C3%A9%20", "P-" + unique + "=Caf%C3%A9",
                "tag=tag-" + unique, "tag=T%C3%A1g-" + unique, "name=in:foo-" + unique + ",x")) {
            assertThat(listedIds(other)).as(other).isEmpty();
        }
    }

    private List<String> listedIds(String query) throws Exception {
        HttpResponse<String> listed = api.send("GET", "/v2/images?" + query, null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        ApiCalls.json(listed).get("images").forEach(image -> ids.add(image.get("id").asText()));
        return ids;
    }

    @Test
    void deletedImageIdCannotComeBackInAnotherCase() throws Exception {
        String id = UUID.randomUUID().toString();
        api.create(null, "{\"id\": \"" + id + "\"}");
        assertThat(api.send("DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(204);

        for (String again : List.of(id, id.toUpperCase(Locale.ROOT))) {
            HttpResponse<String> answer = api.send("POST", "/v2/images", "{\"id\": \"" + again + "\"}");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            assertThat(ApiCalls.message(answer)).isEqualTo("Image with identifier " + id + " already exists!");
        }
        assertThat(api.send("GET", "/v2/images/" + id.toUpperCase(Locale.ROOT), null).statusCode()).isEqualTo(404);
    }

    @Test
    void upperCaseIdNamesTheSameImage() throws Exception {
        String upper = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String lower = upper.toLowerCase(Locale.ROOT);

        JsonNode created = createdAndStored("{\"id\": \"" + upper + "\", \"name\": \"n\"}");

        assertThat(created.get("id").asText()).isEqualTo(lower);
        assertThat(api.show(null, upper)).isEqualTo(created);
        assertThat(api.send("PUT", "/v2/images/" + upper + "/tags/t", null).statusCode()).isEqualTo(204);
        assertThat(api.show(null, lower).get("tags").toString()).isEqualTo("[\"t\"]");
        HttpResponse<String> duplicate = api.send("POST", "/v2/images", "{\"id\": \"" + lower + "\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
    }

    @Test
    void idLongerThanAnyStoredIsNotFound() throws Exception {
        HttpResponse<String> answer = api.send("GET", "/v2/images/" + "a".repeat(300), null);

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    @Test
    void textTheDatabasesAllStoreIsEchoedAsStored() throws Exception {
        String body = "{\"name\": \"\u00e9t\u00e9 \\u001f \\t\", \"k\": \"\\uffff\u20ac\", \"K2\": \"\\ufffd\","
                + " \"tags\": [\"caf\u00e9\", \"tea\"]}";

        JsonNode created = createdAndStored(body);

        assertThat(created.get("name").asText()).isEqualTo("\u00e9t\u00e9 \u001f \t");
        assertThat(created.get("k").asText()).isEqualTo("\uffff\u20ac");
    }

    static List<String> fourByteUrls() {
        return List.of("GET /v2/images/%F0%9F%98%80", "PUT /v2/images/{id}/tags/%F0%9F%98%80",
                "DELETE /v2/images/{id}/tags/%F0%9F%98%80", "GET /v2/images?name=%F0%9F%98%80",
                "GET /v2/images?tag=%F0%9F%98%80", "GET /v2/images?k=%F0%9F%98%80", "GET /v2/images?marker=%F0%9F%98%80",
                "GET /v2/images/{id}/members/%F0%9F%98%80", "DELETE /v2/images/{id}/members/%F0%9F%98%80");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fourByteUrls")
    void textOutsideTheBasicPlaneInTheUrlIsRefusedAlikeEverywhere(String request) throws Exception {
        String id = api.create(null, "{\"name\": \"untouched\", \"tags\": [\"t\"], \"k\": \"v\"}");
        JsonNode before = api.show(null, id);
        String[] methodAndPath = request.split(" ");

        HttpResponse<String> answer = api.send(methodAndPath[0], methodAndPath[1].replace("{id}", id), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(ApiCalls.message(answer)).isEqualTo("Param values can't contain 4 byte unicode.");
        assertThat(api.show(null, id)).isEqualTo(before);
    }

    private static List<String> tagSet(JsonNode image) {
        List<String> tags = new java.util.ArrayList<>();
        image.get("tags").forEach(tag -> tags.add(tag.asText()));
        tags.sort(null);
        return tags;
    }

    private JsonNode createdAndStored(String body) throws Exception {
        HttpResponse<String> created = api.send("POST", "/v2/images", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answered = ApiCalls.json(created);
        assertThat(api.show(null, answered.get("id").asText())).isEqualTo(answered);
        return answered;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        if (method.equals("PATCH")) {
            return server.send(server.request(path).header("Content-Type", PATCH)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        }
        return api.send(method, path, body);
    }
}
