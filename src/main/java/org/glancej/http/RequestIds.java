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
 * (at most 64 characters, as oslo.middleware allows), else a fresh {@code req-<uuid>}.
 */
final class RequestIds implements Filter {
    static final HeaderName HEADER = HeaderNames.create("x-openstack-request-id");
    private static final int MAX_LENGTH = 64;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> given = req.headers().first(HEADER).filter(s -> !s.isBlank());
        String id = given.orElseGet(() -> "req-" + UUID.randomUUID());
        res.header(HEADER, id.length() > MAX_LENGTH ? "req-" + UUID.randomUUID() : id);
        if (id.length() > MAX_LENGTH) {
            throw GlanceException.badRequest(
                    "Request ID is too long: it must be at most " + MAX_LENGTH + " characters.");
        }
        chain.proceed();
    }
}
