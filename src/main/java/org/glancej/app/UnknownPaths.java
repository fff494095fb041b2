package org.glancej.app;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.common.GlanceException;
import org.glancej.http.BaseUrl;
import org.glancej.http.versions.VersionsResource;

/**
 * Paths no feature claims, answered as upstream's version negotiation does: {@code GET /v2} redirects to
 * {@code /v2/}, anything else under {@code /v2/} is 404, and any other prefix gets the 300 versions document.
 */
final class UnknownPaths implements Handler {
    private final VersionsResource versions;

    UnknownPaths(VersionsResource versions) {
        this.versions = versions;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String path = req.path().rawPath();
        if (path.equals("/v2") && req.prologue().method() == Method.GET) {
            res.status(302).header(HeaderNames.LOCATION, BaseUrl.of(req) + "/v2/").send();
        } else if (path.equals("/v2") || path.startsWith("/v2/")) {
            throw GlanceException.notFound("The resource could not be found.");
        } else {
            versions.multipleChoices(req, res);
        }
    }
}
