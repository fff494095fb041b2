package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.glancej.keystone.FakeKeystone;
import org.glancej.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeystoneAuthApiTest {
    static final FakeKeystone KEYSTONE = start();

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension(TokenCallers.config(KEYSTONE));

    private static FakeKeystone start() {
        try {
            FakeKeystone keystone = new FakeKeystone();
            Instant later = Instant.now().plusSeconds(3600);
            keystone.tokens.put("member-token", new FakeKeystone.Token("u1", "p1", List.of("member", "reader"), later));
            keystone.tokens.put("admin-token", new FakeKeystone.Token("u0", "p0", List.of("admin", "member"), later));
            keystone.tokens.put("other-token", new FakeKeystone.Token("u2", "p2", List.of("member", "reader"), later));
            keystone.tokens.put("reader-token", new FakeKeystone.Token("u3", "p1", List.of("reader"), later));
            return keystone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void imagesNeedATokenAndTheRefusalSaysWhereToGetOne() throws Exception {
        HttpResponse<String> res = API.send(API.request("/v2/images").header("Accept", "text/html"));

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Keystone uri=\"http://keystone.example:5000\"");
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(res.body()).isEqualTo("{\"error\":{\"code\":401,\"title\":\"Unauthorized\","
                + "\"message\":\"The request you have made requires authentication.\"}}");
        assertThat(API.send(API.request("/v2/images").header("X-Auth-Token", "forged")).statusCode()).isEqualTo(401);
    }

    @Test
    void theVersionsDocumentNeedsNoToken() throws Exception {
        assertThat(API.send(API.request("/versions")).statusCode()).isEqualTo(200);
        assertThat(API.send(API.request("/")).statusCode()).isEqualTo(300);
    }

    @Test
    void anImageCreatedWithATokenBelongsToItsProject() throws Exception {
        HttpResponse<String> res = API.send(API.request("/v2/images").header("X-Auth-Token", "member-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"mine\"}")));

        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(res.body()).get("owner").asText()).isEqualTo("p1");
    }

    @Test
    void onlyAnAdminNamesAnotherProjectAsOwner() throws Exception {
        String body = "{\"name\": \"theirs\", \"owner\": \"p9\"}";
        HttpResponse<String> member = API.send(API.request("/v2/images").header("X-Auth-Token", "member-token")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> admin = API.send(API.request("/v2/images").header("X-Auth-Token", "admin-token")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(admin.body()).get("owner").asText()).isEqualTo("p9");
    }

    @Test
    void identityHeadersSentByTheClientAreIgnored() throws Exception {
        HttpResponse<String> res = API.send(API.request("/v2/images").header("X-Auth-Token", "member-token")
                .header("X-Roles", "admin").header("X-Project-Id", "p0").header("X-Identity-Status", "Confirmed")
                .header("X-Tenant-Id", "p0").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"forged\"}")));

        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(res.body()).get("owner").asText()).isEqualTo("p1");
        assertThat(API.send(API.request("/v2/images").header("X-Roles", "admin")
                .header("X-Identity-Status", "Confirmed")).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> call(String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = API.request(path).header("X-Auth-Token", token);
        if (method.equals("PATCH")) {
            request.header("Content-Type", "application/openstack-images-v2.1-json-patch");
        } else if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return API.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String create(String token, String visibility) throws Exception {
        HttpResponse<String> res = call(token, "POST", "/v2/images",
                "{\"name\": \"x\", \"visibility\": \"" + visibility + "\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return Json.MAPPER.readTree(res.body()).get("id").asText();
    }

    @Test
    void anotherProjectNeitherSeesNorTouchesPrivateImagesAndOnlyReadsPublicOnes() throws Exception {
        String priv = create("member-token", "private");
        String pub = create("admin-token", "public");
        String patch = "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"y\"}]";

        assertThat(call("other-token", "GET", "/v2/images/" + priv, null).statusCode()).isEqualTo(404);
        assertThat(call("other-token", "PATCH", "/v2/images/" + priv, patch).statusCode()).isEqualTo(404);
        assertThat(call("other-token", "DELETE", "/v2/images/" + priv, null).statusCode()).isEqualTo(404);
        assertThat(call("other-token", "GET", "/v2/images/" + pub, null).statusCode()).isEqualTo(200);
        assertThat(call("other-token", "PATCH", "/v2/images/" + pub, patch).statusCode()).isEqualTo(403);
        assertThat(call("other-token", "DELETE", "/v2/images/" + pub, null).statusCode()).isEqualTo(403);
        assertThat(call("other-token", "PUT", "/v2/images/" + pub + "/tags/t", null).statusCode()).isEqualTo(403);
        assertThat(call("other-token", "GET", "/v2/images", null).body()).contains(pub).doesNotContain(priv);
    }

    @Test
    void onlyAnAdminPublicizesWhileOwnersMayCommunitize() throws Exception {
        assertThat(call("member-token", "POST", "/v2/images", "{\"visibility\": \"public\"}").statusCode())
                .isEqualTo(403);
        String id = create("member-token", "private");
        String toPublic = "[{\"op\": \"replace\", \"path\": \"/visibility\", \"value\": \"public\"}]";
        String toCommunity = "[{\"op\": \"replace\", \"path\": \"/visibility\", \"value\": \"community\"}]";

        assertThat(call("member-token", "PATCH", "/v2/images/" + id, toPublic).statusCode()).isEqualTo(403);
        assertThat(call("member-token", "PATCH", "/v2/images/" + id, toCommunity).statusCode()).isEqualTo(200);
        assertThat(call("admin-token", "PATCH", "/v2/images/" + id, toPublic).statusCode()).isEqualTo(200);
    }

    @Test
    void aReaderReadsItsProjectsImagesButChangesNothing() throws Exception {
        String id = create("member-token", "private");

        assertThat(call("reader-token", "GET", "/v2/images/" + id, null).statusCode()).isEqualTo(200);
        assertThat(call("reader-token", "POST", "/v2/images", "{\"name\": \"r\"}").statusCode()).isEqualTo(403);
        assertThat(call("reader-token", "DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(403);
        assertThat(call("reader-token", "POST", "/v2/images/" + id + "/actions/deactivate", null).statusCode())
                .isEqualTo(403);
    }
}
