package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.api.TokenCallers.ADMIN;
import static org.glancej.api.TokenCallers.MEMBER;
import static org.glancej.api.TokenCallers.READER;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what with metadata definitions under upstream's secure-RBAC defaults behind Keystone: writes for
 * admins only, reads for readers of the owning project or of anyone's public namespaces, and a namespace the
 * caller may not see answered as missing. The expected answers are upstream Zed's for the same callers.
 */
class MetadefPolicyApiTest {
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();
    static final String OTHER_READER = "other-reader-token";
    static final String OTHER_NOBODY = "other-nobody-token";
    static final String OTHER_ADMIN = "other-admin-token";
    private static final String NS = "/v2/metadefs/namespaces";

    static {
        Instant later = Instant.now().plusSeconds(3600);
        KEYSTONE.tokens.put(OTHER_READER, new FakeKeystone.Token("u7", "p2", List.of("reader"), later));
        KEYSTONE.tokens.put(OTHER_NOBODY, new FakeKeystone.Token("u8", "p2", List.of("none"), later));
        KEYSTONE.tokens.put(OTHER_ADMIN, new FakeKeystone.Token("u9", "p2", List.of("admin", "member", "reader"),
                later));
    }

    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension(TokenCallers.config(KEYSTONE));

    private static ApiCalls api;

    @BeforeAll
    static void createNamespaces() throws Exception {
        api = new ApiCalls(server);
        String contents = ", \"objects\": [{\"name\": \"o\"}], \"tags\": [{\"name\": \"t\"}],"
                + " \"properties\": {\"p\": {\"type\": \"string\", \"title\": \"P\"}}}";
        assertThat(api.send(ADMIN, "POST", NS, "{\"namespace\": \"priv\"" + contents).statusCode()).isEqualTo(201);
        assertThat(api.send(ADMIN, "POST", NS, "{\"namespace\": \"pub\", \"visibility\": \"public\"" + contents)
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stopKeystone() {
        KEYSTONE.close();
    }

    private static void expect(String token, String method, String path, String body, int status, String message)
            throws Exception {
        HttpResponse<String> response = api.send(token, method, path, body);
        assertThat(response.statusCode()).as(token + " " + method + " " + path + ": " + response.body())
                .isEqualTo(status);
        if (message != null) {
            assertThat(ApiCalls.message(response)).isEqualTo(message);
        }
    }

    @Test
    void adminsCreateNamespacesWithTheirProjectAsOwner() throws Exception {
        HttpResponse<String> shown = api.send(ADMIN, "GET", NS + "/priv", null);
        assertThat(ApiCalls.json(shown).get("owner").asText()).isEqualTo("p1");
    }

    @Test
    void membersAndReadersOfTheOwningProjectReadButDoNotWrite() throws Exception {
        expect(MEMBER, "POST", NS, "{\"namespace\": \"m\"}", 403,
                "You are not authorized to complete add_metadef_namespace action.");
        expect(MEMBER, "GET", NS + "/priv", null, 200, null);
        expect(MEMBER, "PUT", NS + "/priv", "{\"namespace\": \"priv\"}", 403,
                "You are not authorized to complete modify_metadef_namespace action.");
        expect(MEMBER, "DELETE", NS + "/priv", null, 403,
                "You are not authorized to complete delete_metadef_namespace action.");
        expect(MEMBER, "POST", NS + "/priv/objects", "{\"name\": \"o2\"}", 403,
                "You are not authorized to complete add_metadef_object action.");
        expect(MEMBER, "DELETE", NS + "/priv/tags/t", null, 403,
                "You are not authorized to complete delete_metadef_tag action.");
        expect(READER, "GET", NS + "/priv/objects/o", null, 200, null);
        expect(READER, "GET", NS + "/priv/tags", null, 200, null);
        expect(READER, "GET", NS + "/priv/properties/p", null, 200, null);
        expect(READER, "GET", NS + "/priv/resource_types", null, 200, null);
        expect(READER, "GET", "/v2/metadefs/resource_types", null, 200, null);
        expect(READER, "DELETE", NS + "/priv/objects", null, 403,
                "You are not authorized to complete delete_metadef_namespace action.");
        HttpResponse<String> list = api.send(READER, "GET", NS, null);
        assertThat(ApiCalls.json(list).get("namespaces").findValuesAsText("namespace")).contains("priv", "pub");
    }

    @Test
    void anotherProjectSeesOnlyPublicNamespacesAndCannotChangeThem() throws Exception {
        HttpResponse<String> list = api.send(OTHER_READER, "GET", NS, null);
        assertThat(ApiCalls.json(list).get("namespaces").findValuesAsText("namespace"))
                .contains("pub").doesNotContain("priv");
        expect(OTHER_READER, "GET", NS + "/priv", null, 404, "The resource could not be found.");
        expect(OTHER_READER, "GET", NS + "/priv/objects", null, 404, "Namespace priv not found");
        expect(OTHER_READER, "GET", NS + "/priv/objects/o", null, 404, "Namespace priv not found");
        expect(OTHER_READER, "GET", NS + "/priv/tags", null, 404, "Namespace priv not found");
        expect(OTHER_READER, "GET", NS + "/priv/properties", null, 404, "Namespace priv not found");
        expect(OTHER_READER, "DELETE", NS + "/priv", null, 404, "Namespace priv not found");
        expect(OTHER_READER, "PUT", NS + "/priv", "{\"namespace\": \"priv\"}", 404, "Namespace priv not found");
        expect(OTHER_READER, "GET", NS + "/pub", null, 200, null);
        expect(OTHER_READER, "GET", NS + "/pub/objects/o", null, 200, null);
        expect(OTHER_READER, "DELETE", NS + "/pub", null, 403,
                "You are not authorized to complete delete_metadef_namespace action.");
        expect(OTHER_READER, "DELETE", NS + "/pub/objects/o", null, 403,
                "You are not authorized to complete delete_metadef_object action.");
        expect(OTHER_READER, "POST", NS + "/pub/tags/x", null, 403,
                "You are not authorized to complete add_metadef_tag action.");
        expect(OTHER_READER, "PUT", NS + "/pub", "{\"namespace\": \"pub\"}", 403,
                "You are not authorized to complete modify_metadef_namespace action.");
    }

    @Test
    void aCallerWithoutReaderRoleFindsNothing() throws Exception {
        expect(OTHER_NOBODY, "GET", NS, null, 404, "The resource could not be found.");
        expect(OTHER_NOBODY, "GET", NS + "/pub", null, 404, "The resource could not be found.");
        expect(OTHER_NOBODY, "POST", NS, "{\"namespace\": \"n\"}", 404, "The resource could not be found.");
    }

    @Test
    void anAdminOfAnotherProjectSeesEverything() throws Exception {
        expect(OTHER_ADMIN, "GET", NS + "/priv", null, 200, null);
        expect(OTHER_ADMIN, "GET", NS + "/priv/tags/t", null, 200, null);
    }
}
