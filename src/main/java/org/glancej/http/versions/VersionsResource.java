package org.glancej.http.versions;

import org.glancej.http.BaseUrl;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;


import static java.util.Objects.requireNonNull;

/**
 * Image API "Versions": {@code /versions} answers 200 and {@code /} answers 300 Multiple Choices, both
 * with the versions document and for any method, as upstream does. Upstream also answers 300 for
 * any path whose version prefix it does not serve; the router can reuse {@link #multipleChoices}.
 */
public final class VersionsResource implements HttpService {
    private static final Status MULTIPLE_CHOICES = Status.create(300, "Multiple Choices");

    private final VersionsDocument document;

    public VersionsResource(VersionsDocument document) {
        this.document = requireNonNull(document, "document is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/versions", this::versions)
                .any("/", this::multipleChoices);
    }

    private void versions(ServerRequest req, ServerResponse res) {
        send(req, res, Status.OK_200);
    }

    /** The 300 answer upstream gives on {@code /} and on unknown version prefixes. */
    public void multipleChoices(ServerRequest req, ServerResponse res) {
        send(req, res, MULTIPLE_CHOICES);
    }

    private void send(ServerRequest req, ServerResponse res, Status status) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(document.json(BaseUrl.application(req)));
    }
}
