package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The metadefs API over real HTTP on every database, each answer as upstream Zed gives it for the same
 * requests (compared side by side; the deliberate differences are named in the tests).
 */
class MetadefsApiTest extends EveryDatabaseApiTestSupport {
    private static final String NS = "/v2/metadefs/namespaces";

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return api.send(method, path, body);
    }

    private JsonNode ok(int status, String method, String path, String body) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : ApiCalls.json(response);
    }

    private String error(int status, String method, String path, String body) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return ApiCalls.message(response);
    }

    @Test
    void namespaceIsCreatedWithItsContentsAndShownWithThem() throws Exception {
        String name = unique("OS::Test");
        HttpResponse<String> created = call("POST", NS, """
                {"namespace": "%s", "display_name": "Test", "description": "d", "visibility": "public",
                 "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "hw_"}],
                 "properties": {"p1": {"type": "string", "title": "P1", "enum": ["a", "b"]}},
                 "objects": [{"name": "o1", "required": ["op"],
                              "properties": {"op": {"type": "integer", "title": "OP", "minimum": 1}}}],
                 "tags": [{"name": "t1"}]}""".formatted(name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(NS + "/" + name));
        JsonNode body = ApiCalls.json(created);
        assertThat(body.get("owner").asText()).isEqualTo("admin"); // no project without authentication
        assertThat(body.get("protected").asBoolean()).isFalse();
        assertThat(body.get("resource_type_associations").toString())
                .isEqualTo("[{\"name\":\"OS::Glance::Image\",\"prefix\":\"hw_\"}]");
        assertThat(body.get("objects").toString()).isEqualTo(
                "[{\"name\":\"o1\",\"required\":[\"op\"],\"properties\":{\"op\":{\"type\":\"integer\",\"title\":\"OP\","
                        + "\"minimum\":1}}}]");
        assertThat(body.get("self").asText()).isEqualTo(NS + "/" + name);

        JsonNode shown = ok(200, "GET", NS + "/" + name, null);
        assertThat(fieldNames(shown)).containsExactly("namespace", "display_name", "description", "visibility",
                "protected", "owner", "created_at", "updated_at", "resource_type_associations", "properties",
                "objects", "tags", "self", "schema");
        assertThat(shown.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(shown.get("properties").toString())
                .isEqualTo("{\"p1\":{\"type\":\"string\",\"title\":\"P1\",\"enum\":[\"a\",\"b\"]}}");
        assertThat(shown.get("objects").get(0).get("self").asText()).isEqualTo(NS + "/" + name + "/objects/o1");
        assertThat(shown.get("tags").toString()).isEqualTo("[{\"name\":\"t1\"}]");

        JsonNode prefixed = ok(200, "GET", NS + "/" + name + "?resource_type=OS::Glance::Image", null);
        assertThat(fieldNames(prefixed.get("properties"))).containsExactly("hw_p1");
        assertThat(prefixed.get("objects").get(0).get("required").toString()).isEqualTo("[\"hw_op\"]");
        assertThat(fieldNames(prefixed.get("objects").get(0).get("properties"))).containsExactly("hw_op");
        ok(204, "DELETE", NS + "/" + name, null);
    }

    @Test
    void listFiltersSortsAndPages() throws Exception {
        String rt = unique("OS::Filter");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = unique("list" + i);
            names.add(name);
            ok(201, "POST", NS, "{\"namespace\": \"%s\", \"visibility\": \"%s\"}".formatted(name,
                    i == 0 ? "public" : "private"));
        }
        ok(201, "POST", NS + "/" + names.get(1) + "/resource_types", "{\"name\": \"%s\"}".formatted(rt));
        ok(201, "POST", NS + "/" + names.get(2) + "/resource_types", "{\"name\": \"%s\"}".formatted(rt));

        JsonNode filtered = ok(200, "GET", NS + "?resource_types=" + rt + "&sort_key=namespace&sort_dir=asc", null);
        assertThat(namespaceNames(filtered)).containsExactly(names.get(1), names.get(2));
        assertThat(filtered.get("first").asText())
                .isEqualTo(NS + "?resource_types=" + rt.replace(":", "%3A") + "&sort_key=namespace&sort_dir=asc");

        JsonNode page = ok(200, "GET", NS + "?resource_types=" + rt + "&limit=1&sort_key=namespace&sort_dir=asc",
                null);
        assertThat(namespaceNames(page)).containsExactly(names.get(1));
        String next = page.get("next").asText();
        assertThat(next).endsWith("&marker=" + names.get(1));
        assertThat(namespaceNames(ok(200, "GET", next, null))).containsExactly(names.get(2));

        assertThat(namespaceNames(ok(200, "GET", NS + "?visibility=public&limit=1000", null)))
                .contains(names.get(0)).doesNotContain(names.get(1), names.get(2));
        assertThat(error(400, "GET", NS + "?visibility=shared", null)).isEqualTo("Invalid visibility value: shared");
        assertThat(error(400, "GET", NS + "?sort_dir=up", null)).isEqualTo("Invalid sort direction: up");
        assertThat(error(400, "GET", NS + "?limit=-1", null)).isEqualTo("limit param must be positive");
        // upstream answers these two with 500
        assertThat(error(400, "GET", NS + "?limit=x", null)).isEqualTo("limit param must be an integer");
        assertThat(error(400, "GET", NS + "?sort_key=bogus", null)).isEqualTo("Invalid sort key: bogus");
        assertThat(error(404, "GET", NS + "?marker=nope-" + rt, null))
                .isEqualTo("Metadata definition namespace=nope-" + rt + " was not found.");
        for (String name : names) {
            ok(204, "DELETE", NS + "/" + name, null);
        }
    }

    @Test
    void updateRewritesTheNamespaceAndProtectedRefusesEveryDelete() throws Exception {
        String name = unique("prot");
        ok(201, "POST", NS, """
                {"namespace": "%s", "protected": true, "objects": [{"name": "o"}], "tags": [{"name": "t"}],
                 "properties": {"p": {"type": "string", "title": "P"}},
                 "resource_type_associations": [{"name": "OS::Nova::Flavor"}]}""".formatted(name));
        String base = NS + "/" + name;
        assertThat(error(403, "DELETE", base, null))
                .isEqualTo("Metadata definition namespace " + name + " is protected and cannot be deleted.");
        assertThat(error(403, "DELETE", base + "/objects", null))
                .isEqualTo("Metadata definition namespace " + name + " is protected and cannot be deleted.");
        assertThat(error(403, "DELETE", base + "/tags", null)).contains("is protected");
        assertThat(error(403, "DELETE", base + "/properties", null)).contains("is protected");
        assertThat(error(403, "DELETE", base + "/objects/o", null))
                .isEqualTo("Metadata definition object o is protected and cannot be deleted.");
        assertThat(error(403, "DELETE", base + "/tags/t", null))
                .isEqualTo("Metadata definition tag t is protected and cannot be deleted.");
        assertThat(error(403, "DELETE", base + "/properties/p", null))
                .isEqualTo("Metadata definition property p is protected and cannot be deleted.");
        assertThat(error(403, "DELETE", base + "/resource_types/OS::Nova::Flavor", null)).isEqualTo(
                "Metadata definition resource-type-association OS::Nova::Flavor is protected and cannot be deleted.");

        String renamed = name + "-b";
        JsonNode updated = ok(200, "PUT", base, "{\"namespace\": \"%s\", \"display_name\": \"x\"}".formatted(renamed));
        assertThat(fieldNames(updated)).containsExactly("namespace", "display_name", "visibility", "protected",
                "owner", "created_at", "updated_at", "self", "schema");
        assertThat(updated.get("protected").asBoolean()).isFalse(); // absent from the update: back to false
        assertThat(error(404, "GET", base, null)).isEqualTo("Metadata definition namespace=" + name + " was not found.");
        ok(204, "DELETE", NS + "/" + renamed + "/properties", null);
        assertThat(ok(200, "GET", NS + "/" + renamed + "/properties", null).get("properties").size()).isZero();
        ok(204, "DELETE", NS + "/" + renamed, null);
        assertThat(error(404, "DELETE", NS + "/" + renamed, null)).isEqualTo("Namespace " + renamed + " not found");
        assertThat(error(404, "GET", NS + "/" + renamed + "/objects", null))
                .isEqualTo("Metadata definition namespace=" + renamed + " was not found.");
    }

    @Test
    void objectsAreCreatedListedShownUpdatedAndDeleted() throws Exception {
        String ns = namespace();
        String objects = NS + "/" + ns + "/objects";
        JsonNode created = ok(201, "POST", objects, """
                {"name": "cpu", "description": "CPU limits", "required": ["quota:cpu"],
                 "properties": {"quota:cpu": {"type": "integer", "title": "CPU", "minimum": 1.5}}}""");
        assertThat(fieldNames(created)).containsExactly("name", "required", "description", "properties",
                "created_at", "updated_at", "self", "schema");
        assertThat(created.at("/properties/quota:cpu/minimum").asInt()).isEqualTo(1); // upstream's model truncates
        assertThat(error(409, "POST", objects, "{\"name\": \"cpu\"}"))
                .isEqualTo("A metadata definition object with name=cpu already exists in namespace=" + ns + ".");
        JsonNode list = ok(200, "GET", objects, null);
        assertThat(list.get("schema").asText()).isEqualTo("v2/schemas/metadefs/objects");
        assertThat(list.get("objects").get(0).get("name").asText()).isEqualTo("cpu");
        assertThat(ok(200, "GET", objects + "/cpu", null).get("description").asText()).isEqualTo("CPU limits");

        JsonNode updated = ok(200, "PUT", objects + "/cpu", "{\"name\": \"cpu2\"}");
        assertThat(fieldNames(updated)).containsExactly("name", "created_at", "updated_at", "self", "schema");
        JsonNode shown = ok(200, "GET", objects + "/cpu2", null);
        assertThat(shown.get("required").size()).isZero();
        assertThat(shown.get("properties").size()).isZero();
        assertThat(error(404, "GET", objects + "/cpu", null)).isEqualTo("Could not find metadata object cpu");
        assertThat(error(403, "POST", objects, "{\"name\": \"x\", \"self\": \"y\"}"))
                .isEqualTo("Attribute 'self' is read-only.");
        assertThat(error(400, "POST", objects, "{\"name\": \"x\", \"required\": [\"a\", \"a\"]}"))
                .isEqualTo("Provided object does not match schema 'object': ['a', 'a'] has non-unique elements");
        assertThat(error(400, "POST", objects, "{\"name\": \"x\", \"properties\": {\"q\": {\"type\": \"string\","
                + " \"title\": \"Q\", \"zzz\": 1}}}"))
                .isEqualTo("Provided object does not match schema 'property': Additional properties are not allowed"
                        + " ('zzz' was unexpected)");
        ok(204, "DELETE", objects + "/cpu2", null);
        assertThat(error(404, "DELETE", objects + "/cpu2", null)).isEqualTo("Could not find metadata object cpu2");
        ok(204, "DELETE", objects, null);
        ok(204, "DELETE", NS + "/" + ns, null);
    }

    @Test
    void propertiesKeepUpstreamsNormalisedDefinitions() throws Exception {
        String ns = namespace();
        String properties = NS + "/" + ns + "/properties";
        JsonNode created = ok(201, "POST", properties, """
                {"name": "hw_x", "type": "integer", "title": "X", "minimum": 1.5, "default": 3, "readonly": true}""");
        assertThat(created.toString()).isEqualTo(
                "{\"name\":\"hw_x\",\"type\":\"integer\",\"title\":\"X\",\"default\":\"3\",\"readonly\":true,\"minimum\":1}");
        assertThat(ok(200, "GET", properties, null).get("properties").get("hw_x")).isEqualTo(created);
        assertThat(error(409, "POST", properties, "{\"name\": \"hw_x\", \"type\": \"string\", \"title\": \"t\"}"))
                .isEqualTo("A metadata definition property with name=hw_x already exists in namespace=" + ns + ".");
        assertThat(error(400, "POST", properties, "{\"name\": \"y\", \"type\": \"string\"}"))
                .isEqualTo("Provided object does not match schema 'property': 'title' is a required property");
        assertThat(error(400, "POST", properties, "{\"name\": \"y\", \"type\": \"bogus\", \"title\": \"t\"}"))
                .startsWith("Provided object does not match schema 'property': 'bogus' is not one of ['array',");
        // upstream answers 500 for what its model cannot convert
        assertThat(error(400, "POST", properties,
                "{\"name\": \"y\", \"type\": \"string\", \"title\": \"t\", \"enum\": [\"a\", 1]}"))
                .startsWith("Invalid input for field/attribute enum.");

        ok(201, "POST", NS + "/" + ns + "/resource_types", "{\"name\": \"OS::Glance::Image\", \"prefix\": \"hw_\"}");
        assertThat(ok(200, "GET", properties + "/hw_hw_x?resource_type=OS::Glance::Image", null).get("name").asText())
                .isEqualTo("hw_x");
        assertThat(error(404, "GET", properties + "/x?resource_type=OS::Glance::Image", null))
                .isEqualTo("Property x does not start with the expected resource type association prefix of 'hw_'.");

        JsonNode updated = ok(200, "PUT", properties + "/hw_x", "{\"name\": \"hw_y\", \"type\": \"string\", \"title\": \"Y\"}");
        assertThat(updated.toString()).isEqualTo("{\"name\":\"hw_y\",\"type\":\"string\",\"title\":\"Y\"}");
        assertThat(error(404, "GET", properties + "/hw_x", null)).isEqualTo("Could not find property hw_x");
        ok(204, "DELETE", properties + "/hw_y", null);
        ok(204, "DELETE", NS + "/" + ns, null);
    }

    @Test
    void tagsAreReplacedOrAppendedInBulk() throws Exception {
        String ns = namespace();
        String tags = NS + "/" + ns + "/tags";
        JsonNode one = ok(201, "POST", tags + "/first", null);
        assertThat(fieldNames(one)).containsExactly("name", "created_at", "updated_at");
        ok(201, "POST", tags, "{\"tags\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
        assertThat(tagNames(ok(200, "GET", tags + "?sort_key=name&sort_dir=asc", null))).containsExactly("a", "b");
        HttpResponse<String> appended = server.send(server.request(tags).header("Content-Type", "application/json")
                .header("X-Openstack-Append", "True")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"tags\": [{\"name\": \"c\"}]}")));
        assertThat(appended.statusCode()).isEqualTo(201);
        assertThat(tagNames(ok(200, "GET", tags + "?sort_key=name&sort_dir=asc", null))).containsExactly("a", "b", "c");
        assertThat(tagNames(ok(200, "GET", tags + "?sort_key=name&sort_dir=asc&limit=1&marker=a", null)))
                .containsExactly("b");
        assertThat(error(409, "POST", tags, "{\"tags\": [{\"name\": \"x\"}, {\"name\": \"x\"}]}")).isEqualTo(
                "A metadata tag with name=x already exists in namespace=" + ns
                        + ". (Please note that metadata tag names are case insensitive).");
        assertThat(tagNames(ok(200, "GET", tags + "?sort_key=name&sort_dir=asc", null))).containsExactly("a", "b", "c");
        assertThat(ok(200, "PUT", tags + "/a", "{\"name\": \"a2\"}").get("name").asText()).isEqualTo("a2");
        assertThat(error(404, "PUT", tags + "/a", "{\"name\": \"a3\"}")).isEqualTo("Could not find metadata tag a");
        assertThat(error(400, "POST", tags + "/" + "x".repeat(81), null)).endsWith("is too long");
        ok(204, "DELETE", tags + "/a2", null);
        ok(204, "DELETE", tags, null);
        assertThat(ok(200, "GET", tags, null).get("tags").size()).isZero();
        ok(204, "DELETE", NS + "/" + ns, null);
    }

    @Test
    void resourceTypesAreCreatedByTheirFirstAssociation() throws Exception {
        String ns = namespace();
        String rt = unique("OS::Type");
        String associations = NS + "/" + ns + "/resource_types";
        JsonNode created = ok(201, "POST", associations,
                "{\"name\": \"%s\", \"prefix\": \"hw:\", \"properties_target\": \"image\"}".formatted(rt));
        assertThat(fieldNames(created)).containsExactly("name", "prefix", "properties_target", "created_at",
                "updated_at");
        assertThat(error(409, "POST", associations, "{\"name\": \"%s\"}".formatted(rt))).isEqualTo(
                "The metadata definition resource-type association of resource-type=" + rt + " to namespace=" + ns
                        + " already exists.");
        JsonNode all = ok(200, "GET", "/v2/metadefs/resource_types", null);
        assertThat(all.get("resource_types").findValuesAsText("name")).contains(rt);
        assertThat(ok(200, "GET", associations, null).get("resource_type_associations").get(0).get("name").asText())
                .isEqualTo(rt);
        ok(204, "DELETE", associations + "/" + rt, null);
        assertThat(error(404, "DELETE", associations + "/" + rt, null))
                .isEqualTo("Failed to find resource type " + rt + " to delete");
        ok(204, "DELETE", NS + "/" + ns, null);
    }

    @Test
    void schemasAreServedUnderTheirNames() throws Exception {
        for (String name : List.of("namespace", "namespaces", "object", "objects", "property", "properties", "tag",
                "tags")) {
            assertThat(ok(200, "GET", "/v2/schemas/metadefs/" + name, null).get("name").asText()).isEqualTo(name);
        }
        assertThat(ok(200, "GET", "/v2/schemas/metadefs/resource_type", null).get("name").asText())
                .isEqualTo("resource_type_association");
        assertThat(ok(200, "GET", "/v2/schemas/metadefs/resource_types", null).get("name").asText())
                .isEqualTo("resource_type_associations");
    }

    @Test
    void otherMethodsAre405WithTheAllowedOnes() throws Exception {
        HttpResponse<String> response = call("PATCH", NS + "/any", "{}");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, PUT, DELETE");
        assertThat(call("PUT", NS + "/any/resource_types", "{}").headers().firstValue("Allow")).contains("GET, POST");
        assertThat(call("GET", NS + "/any/resource_types/x", null).headers().firstValue("Allow")).contains("DELETE");
        assertThat(call("PATCH", NS + "/any/tags/x", "{}").headers().firstValue("Allow"))
                .contains("GET, POST, PUT, DELETE");
    }

    /** On every database, as MariaDB's unique keys have it (upstream's SQLite and PostgreSQL accept these). */
    @Test
    void namesDifferingOnlyInCaseOrTrailingSpacesAreDuplicates() throws Exception {
        String ns = namespace();
        assertThat(error(409, "POST", NS, "{\"namespace\": \"%s\"}".formatted(ns.toUpperCase())))
                .isEqualTo("The metadata definition namespace=" + ns.toUpperCase() + " already exists.");
        ok(201, "POST", NS + "/" + ns + "/tags/Tag", null);
        assertThat(error(409, "POST", NS + "/" + ns + "/tags/TAG", null)).startsWith("A metadata tag with name=TAG");
        ok(201, "POST", NS + "/" + ns + "/objects", "{\"name\": \"Obj\"}");
        assertThat(error(409, "POST", NS + "/" + ns + "/objects", "{\"name\": \"obj \"}"))
                .startsWith("A metadata definition object with name=obj  already exists");
        ok(201, "POST", NS + "/" + ns + "/properties", "{\"name\": \"Prop\", \"type\": \"string\", \"title\": \"t\"}");
        assertThat(error(409, "POST", NS + "/" + ns + "/properties",
                "{\"name\": \"PRÓP\", \"type\": \"string\", \"title\": \"t\"}")).startsWith(
                "A metadata definition property with name=PRÓP already exists");
        assertThat(error(404, "GET", NS + "/" + ns + "/objects/obj", null)).isEqualTo("Could not find metadata object obj");
        ok(204, "DELETE", NS + "/" + ns, null);
    }

    @Test
    void unstorableInputIsRefusedTheSameWayEverywhere() throws Exception {
        String ns = namespace();
        assertThat(error(400, "POST", NS + "/" + ns + "/objects", "{\"name\": \"o\", \"description\": \"\\u0000\"}"))
                .startsWith("Invalid character in request body");
        assertThat(error(400, "POST", NS + "/" + ns + "/objects", "{\"name\": \"o\\ud83d\\ude00\"}"))
                .isEqualTo("Metadata definitions can't contain 4 byte unicode characters.");
        assertThat(error(400, "POST", NS + "/" + ns + "/objects", "{\"name\": \"o\", \"description\": \"%s\"}"
                .formatted("x".repeat(70_000)))).isEqualTo("An object description is too long: at most 65535 bytes.");
        assertThat(error(400, "POST", NS, ("{\"namespace\": \"%s\", \"properties\": {\"%s\": {\"type\": \"string\","
                + " \"title\": \"t\"}}}").formatted(unique("n"), "p".repeat(81))))
                .isEqualTo("Property name is too long: at most 80 characters.");
        assertThat(error(400, "POST", NS, "{\"namespace\": \"%s\"}".formatted("n".repeat(81)))).isEqualTo(
                "Provided object does not match schema 'namespace': '" + "n".repeat(81) + "' is too long");
        assertThat(error(403, "POST", NS, "{\"namespace\": \"n\", \"created_at\": \"x\"}"))
                .isEqualTo("Attribute 'created_at' is read-only.");
        assertThat(error(400, "POST", NS, "\"x\"")).isEqualTo("Unexpected body type. Expected list/dict.");
        // upstream answers 500 for a list
        assertThat(error(400, "POST", NS, "[]")).isEqualTo("Unexpected body type. Expected dict.");
        assertThat(error(400, "POST", NS + "/" + ns + "/tags", "[]")).isEqualTo("Unexpected body type. Expected dict.");
        assertThat(ok(200, "GET", NS + "/" + ns + "/objects", null).get("objects").size()).isZero();
        ok(204, "DELETE", NS + "/" + ns, null);
    }

    /** Concurrent creates of one name: the unique key decides, and the losers get the same 409 as a late one. */
    @Test
    void concurrentCreatesOfOneNamespaceGiveOneCreatedAndConflicts() throws Exception {
        String name = unique("race");
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> call("POST", NS, "{\"namespace\": \"%s\", \"tags\": [{\"name\": \"t\"}]}"
                        .formatted(name))));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            HttpResponse<String> response = answer.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                assertThat(ApiCalls.message(response))
                        .isEqualTo("The metadata definition namespace=" + name + " already exists.");
            }
        }
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        ok(204, "DELETE", NS + "/" + name, null);
    }

    private String namespace() throws Exception {
        String name = unique("ns");
        ok(201, "POST", NS, "{\"namespace\": \"%s\"}".formatted(name));
        return name;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> namespaceNames(JsonNode page) {
        return page.get("namespaces").findValuesAsText("namespace");
    }

    private static List<String> tagNames(JsonNode list) {
        return list.get("tags").findValuesAsText("name");
    }
}
