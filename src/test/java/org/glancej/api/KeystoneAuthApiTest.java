package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.glancej.auth.FakeKeystone;
import org.glancej.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeystoneAuthApiTest {
    static final FakeKeystone KEYSTONE = start();

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension("""
            [paste_deploy]
            flavor = keystone
            [keystone_authtoken]
            www_authenticate_uri = http://keystone.example:5000
            auth_url = %s
            auth_type = password
            project_domain_name = Default
            user_domain_name = Default
            project_name = service
            username = glance
            password = secret
            http_request_max_retries = 0
            """.formatted(KEYSTONE.url()));

    private static FakeKeystone start() {
        try {
            FakeKeystone keystone = new FakeKeystone();
            Instant later = Instant.now().plusSeconds(3600);
            keystone.tokens.put("member-token", new FakeKeystone.Token("u1", "p1", List.of("member", "reader"), later));
            keystone.tokens.put("admin-token", new FakeKeystone.Token("u0", "p0", List.of("admin", "member"), later));
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
}
