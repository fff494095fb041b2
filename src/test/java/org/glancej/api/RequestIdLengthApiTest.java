package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code [DEFAULT] max_request_id_length}: a longer client id is refused (431) with upstream's message; 0 allows any. */
class RequestIdLengthApiTest {
    @RegisterExtension
    static final ApiServerExtension SHORT = new ApiServerExtension("""
            [DEFAULT]
            max_request_id_length = 10
            """);

    @RegisterExtension
    static final ApiServerExtension UNLIMITED = new ApiServerExtension("""
            [DEFAULT]
            max_request_id_length = 0
            """);

    private static HttpResponse<String> withId(ApiServerExtension api, String id) throws Exception {
        return api.send(api.request("/v2/images").header("X-Openstack-Request-ID", id));
    }

    @Test
    void anIdOverTheLimitIsRefusedAndAnswersWithAFreshOne() throws Exception {
        HttpResponse<String> ok = withId(SHORT, "req-123456");
        HttpResponse<String> refused = withId(SHORT, "req-1234567");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-openstack-request-id")).hasValue("req-123456");
        assertThat(refused.statusCode()).isEqualTo(431);
        assertThat(new ObjectMapper().readTree(refused.body()).get("message").asText())
                .contains("x-openstack-request-id is too long, max size 10");
        assertThat(refused.headers().firstValue("x-openstack-request-id")).hasValueSatisfying(
                id -> assertThat(id).startsWith("req-").isNotEqualTo("req-1234567"));
    }

    @Test
    void zeroAllowsAnyLength() throws Exception {
        String id = "req-" + "a".repeat(500);
        HttpResponse<String> res = withId(UNLIMITED, id);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-openstack-request-id")).hasValue(id);
    }
}
