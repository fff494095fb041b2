package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tasks_api_access} guards every tasks call, delete included, before anything else is looked at. */
class TasksPolicyApiTest {
    @RegisterExtension
    static final ApiServerExtension server = new ApiServerExtension("""
            [oslo_policy]
            policy_file = ${dir}/policy.yaml
            """).withFile("policy.yaml", """
            "tasks_api_access": "!"
            """);

    @Test
    void everyTasksCallIsForbiddenWithoutTasksApiAccess() throws Exception {
        ApiCalls api = new ApiCalls(server);

        assertThat(api.send("GET", "/v2/tasks", null).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/v2/tasks/00000000-0000-0000-0000-000000000000", null).statusCode()).isEqualTo(403);
        assertThat(api.send("DELETE", "/v2/tasks/00000000-0000-0000-0000-000000000000", null).statusCode())
                .isEqualTo(403);
        assertThat(api.send("POST", "/v2/tasks", "{\"type\": \"import\", \"input\": {}}").statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/v2/tasks", "{not json").statusCode()).isEqualTo(403);
    }
}
