package org.glancej.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;
import java.util.UUID;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * Gives every response an {@code x-openstack-request-id}: the client's own id when it sent one of at most
 * {@code [DEFAULT] max_request_id_length} characters (64 by default; 0: any length), with {@code req-} put in
 * front as upstream's context middleware does when it is missing, else a fresh {@code req-<uuid>}. A longer
 * id is refused with 431, the status upstream means to answer (its middleware turns it into a 500).
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
        boolean tooLong = given.isPresent() && maxLength > 0 && given.get().length() > maxLength;
        String id = given.filter(s -> !tooLong).map(RequestIds::prefixed).orElseGet(() -> "req-" + UUID.randomUUID());
        res.header(HEADER, id);
        if (tooLong) {
            throw new GlanceException(ErrorKind.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "x-openstack-request-id is too long, max size " + maxLength);
        }
        chain.proceed();
    }

    private static String prefixed(String id) {
        return id.startsWith("req-") ? id : "req-" + id;
    }
}
