package org.glancej.app;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.data.UploadsInFlight;

/**
 * The first route: once shutdown has begun, new requests get 503 (connection closed) while the uploads already
 * running are given their grace period.
 */
final class ShutdownGate implements HttpService {
    private final UploadsInFlight uploads;

    ShutdownGate(UploadsInFlight uploads) {
        this.uploads = uploads;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        if (!uploads.isDraining()) {
            res.next();
            return;
        }
        res.header(HeaderNames.CONNECTION, "close");
        throw new GlanceException(ErrorKind.SERVICE_UNAVAILABLE, "The Image service is shutting down; retry the request.");
    }
}
