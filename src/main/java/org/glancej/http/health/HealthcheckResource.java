package org.glancej.http.health;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /healthcheck} as upstream's oslo.middleware Healthcheck filter answers it, ahead of authentication: any
 * method, 200 (HEAD: 204) when every backend reports OK, 503 otherwise, the body in the negotiated media type.
 * Only the exact path answers (query strings aside); {@code /healthcheck/} is an ordinary unknown path.
 */
public final class HealthcheckResource implements HttpService {
    private final String path;
    private final HealthChecks checks;

    public HealthcheckResource(HealthcheckConfig config) {
        this.path = requireNonNull(config, "config is null").path();
        this.checks = new HealthChecks(config);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(path, this::answer);
    }

    private void answer(ServerRequest req, ServerResponse res) {
        List<HealthChecks.Result> results = checks.run(req.localPeer().port());
        boolean healthy = HealthChecks.healthy(results);
        if (req.prologue().method() == Method.HEAD) {
            if (healthy) {
                res.status(Status.NO_CONTENT_204).send();
            } else {
                res.status(Status.SERVICE_UNAVAILABLE_503);
                res.header(HeaderNames.CONTENT_TYPE, contentType(HealthBodies.PLAIN));
                res.header(HeaderNames.CONTENT_LENGTH, "0");
                res.send();
            }
            return;
        }
        String mediaType = HealthBodies.mediaType(req.headers().first(HeaderNames.ACCEPT));
        res.status(healthy ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CONTENT_TYPE, contentType(mediaType));
        res.send(HealthBodies.body(mediaType, results).getBytes(StandardCharsets.UTF_8));
    }

    /** WebOb adds the charset to text types only. */
    private static String contentType(String mediaType) {
        return mediaType.startsWith("text/") ? mediaType + "; charset=UTF-8" : mediaType;
    }
}
