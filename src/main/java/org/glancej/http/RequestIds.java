package org.glancej.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;
import java.util.UUID;
import org.glancej.common.GlanceException;

/**
 * Gives every response an {@code x-openstack-request-id}: the client's own id when it sent a valid one
 * (at most {@code [DEFAULT] max_request_id_length} characters, 64 by default, as upstream's context middleware
 * checks it; 0: any length), else a fresh {@code req-<uuid>}.
 */
final class RequestIds implements Filter {
    static final HeaderName HEADER = HeaderNames.create("x-openstack-request-id");

    private final int maxLength;

    /** @param maxLength the longest id a client may send; 0: no limit */
    RequestIds(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> given = req.headers().first(HEADER).filter(s -> !s.isBlank());
        String id = given.orElseGet(() -> "req-" + UUID.randomUUID());
        boolean tooLong = maxLength > 0 && id.length() > maxLength;
        res.header(HEADER, tooLong ? "req-" + UUID.randomUUID() : id);
        if (tooLong) {
            throw GlanceException.badRequest("x-openstack-request-id is too long, max size " + maxLength);
        }
        chain.proceed();
    }
}
