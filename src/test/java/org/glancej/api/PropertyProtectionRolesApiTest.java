package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.ApiCalls.json;
import static org.glancej.api.ApiCalls.message;
import static org.glancej.api.TokenCallers.ADMIN;
import static org.glancej.api.TokenCallers.MEMBER;
import static org.glancej.api.TokenCallers.READER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Property protections in the roles format, on create, show, list and PATCH. */
class PropertyProtectionRolesApiTest {
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension(TokenCallers.config(KEYSTONE) + """
            [DEFAULT]
            property_protection_file = ${dir}/protections.conf
            """).withFile("protections.conf", """
            [^x_owner_]
            create = admin,member
            read = admin,member,reader
            update = admin
            delete = admin

            [^x_secret$]
            create = admin
            read = admin
            update = admin
            delete = admin

            [.*]
            create = admin,member
            read = admin,member,reader
            update = admin,member
            delete = admin,member
            """);
    private static final ApiCalls api = new ApiCalls(server);

    @AfterAll
    static void stopKeystone() {
        KEYSTONE.close();
    }

    private static String patch(String op, String property, String value) {
        return "[{\"op\": \"" + op + "\", \"path\": \"/" + property + "\""
                + (value == null ? "" : ", \"value\": \"" + value + "\"") + "}]";
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(message(response)).isEqualTo(message);
    }

    @Test
    void createNeedsCreatePermissionForEveryExtraProperty() throws Exception {
        api.create(MEMBER, "{\"name\": \"mine\", \"x_owner_a\": \"1\", \"foo\": \"bar\"}");

        assertRefused(api.send(MEMBER, "POST", "/v2/images", "{\"name\": \"refused\", \"foo\": \"bar\","
                + " \"x_secret\": \"s\"}"), 403, "Attribute 'x_secret' is reserved.");
        assertThat(json(api.send(ADMIN, "GET", "/v2/images?name=refused", null)).get("images")).isEmpty();
        HttpResponse<String> byAdmin = api.send(ADMIN, "POST", "/v2/images", "{\"name\": \"admins\","
                + " \"x_secret\": \"s\"}");
        assertThat(byAdmin.statusCode()).isEqualTo(201);
        assertThat(json(byAdmin).get("x_secret").asText()).isEqualTo("s");
    }

    @Test
    void propertiesTheCallerMayNotReadAreLeftOutOfEveryImageShown() throws Exception {
        String id = api.create(ADMIN, "{\"name\": \"shown\", \"x_secret\": \"s\", \"x_owner_a\": \"1\"}");

        for (String caller : new String[] {MEMBER, READER}) {
            JsonNode shown = api.show(caller, id);
            assertThat(shown.has("x_secret")).isFalse();
            assertThat(shown.get("x_owner_a").asText()).isEqualTo("1");
            JsonNode listed = json(api.send(caller, "GET", "/v2/images?name=shown", null)).get("images").get(0);
            assertThat(listed.has("x_secret")).isFalse();
        }
        HttpResponse<String> patched = api.send(MEMBER, "PATCH", "/v2/images/" + id, patch("add", "foo", "bar"));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).has("x_secret")).isFalse();
        assertThat(json(patched).get("foo").asText()).isEqualTo("bar");
        // what the member could not see survives its update
        assertThat(api.show(ADMIN, id).get("x_secret").asText()).isEqualTo("s");
    }

    @Test
    void updateAndDeleteNeedTheirOwnRolesAndUnreadablePropertiesLookAbsent() throws Exception {
        String id = api.create(ADMIN, "{\"name\": \"guarded\", \"x_secret\": \"s\", \"x_owner_a\": \"1\"}");
        JsonNode before = api.show(ADMIN, id);
        String path = "/v2/images/" + id;

        assertRefused(api.send(MEMBER, "PATCH", path, patch("replace", "x_owner_a", "2")), 403,
                "Attribute 'x_owner_a' is reserved.");
        assertRefused(api.send(MEMBER, "PATCH", path, patch("remove", "x_owner_a", null)), 403,
                "Attribute 'x_owner_a' is reserved.");
        assertRefused(api.send(MEMBER, "PATCH", path, patch("replace", "x_secret", "t")), 409,
                "Property x_secret does not exist.");
        assertRefused(api.send(MEMBER, "PATCH", path, patch("remove", "x_secret", null)), 409,
                "Property x_secret does not exist.");
        assertRefused(api.send(MEMBER, "PATCH", path, patch("add", "x_secret", "t")), 403,
                "Attribute 'x_secret' is reserved.");
        assertThat(api.show(ADMIN, id)).isEqualTo(before);

        assertThat(api.send(ADMIN, "PATCH", path, patch("replace", "x_owner_a", "2")).statusCode()).isEqualTo(200);
        assertThat(api.send(ADMIN, "PATCH", path, patch("remove", "x_secret", null)).statusCode()).isEqualTo(200);
        JsonNode after = api.show(ADMIN, id);
        assertThat(after.get("x_owner_a").asText()).isEqualTo("2");
        assertThat(after.has("x_secret")).isFalse();
    }
}
