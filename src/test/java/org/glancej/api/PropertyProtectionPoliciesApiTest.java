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

/** Property protections in the policies format: each operation names a rule of the policy file. */
class PropertyProtectionPoliciesApiTest {
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension(TokenCallers.config(KEYSTONE) + """
            [DEFAULT]
            property_protection_file = ${dir}/protections.conf
            property_protection_rule_format = policies
            [oslo_policy]
            policy_file = ${dir}/policy.yaml
            """).withFile("policy.yaml", """
            glance_creator: role:admin or role:member
            glance_reader: role:admin or role:member or role:reader
            admin_only: role:admin
            own_project: project_id:%(project_id)s
            """).withFile("protections.conf", """
            [^x_owner_]
            create = glance_creator
            read = glance_reader
            update = admin_only
            delete = admin_only

            [^x_admin_]
            create = admin_only
            read = admin_only
            update = admin_only
            delete = admin_only

            [^x_project_]
            create = own_project
            read = @
            update = @
            delete = @

            [.*]
            create = @
            read = @
            update = @
            delete = @
            """);
    private static final ApiCalls api = new ApiCalls(server);

    @AfterAll
    static void stopKeystone() {
        KEYSTONE.close();
    }

    private static HttpResponse<String> createAs(String token, String property) throws Exception {
        return api.send(token, "POST", "/v2/images", "{\"name\": \"p\", \"" + property + "\": \"v\"}");
    }

    private static HttpResponse<String> patchAs(String token, String id, String op, String property)
            throws Exception {
        return api.send(token, "PATCH", "/v2/images/" + id, "[{\"op\": \"" + op + "\", \"path\": \"/" + property
                + "\"" + (op.equals("remove") ? "" : ", \"value\": \"w\"") + "}]");
    }

    @Test
    void createIsDecidedByTheNamedRule() throws Exception {
        assertThat(createAs(MEMBER, "x_owner_a").statusCode()).isEqualTo(201);
        HttpResponse<String> refused = createAs(MEMBER, "x_admin_a");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(message(refused)).isEqualTo("Attribute 'x_admin_a' is reserved.");
        assertThat(createAs(ADMIN, "x_admin_a").statusCode()).isEqualTo(201);
    }

    @Test
    void rulesSeeNoTargetSoChecksOnTargetValuesNeverPass() throws Exception {
        assertThat(createAs(MEMBER, "x_project_a").statusCode()).isEqualTo(403);
        assertThat(createAs(ADMIN, "x_project_a").statusCode()).isEqualTo(403);
    }

    @Test
    void readUpdateAndDeleteAreDecidedByTheirRules() throws Exception {
        String id = json(api.send(ADMIN, "POST", "/v2/images", "{\"name\": \"r\", \"x_owner_a\": \"1\","
                + " \"x_admin_a\": \"2\"}")).get("id").asText();

        JsonNode byReader = api.show(READER, id);
        assertThat(byReader.get("x_owner_a").asText()).isEqualTo("1");
        assertThat(byReader.has("x_admin_a")).isFalse();
        assertThat(patchAs(MEMBER, id, "replace", "x_owner_a").statusCode()).isEqualTo(403);
        assertThat(patchAs(MEMBER, id, "remove", "x_owner_a").statusCode()).isEqualTo(403);
        assertThat(patchAs(MEMBER, id, "remove", "x_admin_a").statusCode()).isEqualTo(409);
        assertThat(api.show(ADMIN, id).get("x_owner_a").asText()).isEqualTo("1");

        assertThat(patchAs(ADMIN, id, "replace", "x_owner_a").statusCode()).isEqualTo(200);
        assertThat(patchAs(ADMIN, id, "remove", "x_admin_a").statusCode()).isEqualTo(200);
        assertThat(api.show(ADMIN, id).get("x_owner_a").asText()).isEqualTo("w");
    }
}
