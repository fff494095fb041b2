package org.glancej.info;

import static java.util.Objects.requireNonNull;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.quota.UnifiedLimits;

/**
 * {@code GET /v2/info/usage} (API reference: Discovery — quota usage, since 2.13): the caller's project's unified
 * limits and usage, {@code {"usage": {}}} when {@code use_keystone_limits} is off. Upstream routes only GET here,
 * with no policy and no body check: other methods find no route (404, not 405) and a GET body is ignored.
 */
public final class UsageResource implements HttpService {
    private final UnifiedLimits limits;

    public UsageResource(UnifiedLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v2/info/usage", this::usage);
    }

    private void usage(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Json.MAPPER.valueToTree(limits.usageDocument(RequestContexts.of(req))));
    }
}
