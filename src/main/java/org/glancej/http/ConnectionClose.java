package org.glancej.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.glancej.common.GlanceException;

/**
 * Closes the connection after a response that says {@code Connection: close}, whether the client asked for it
 * or the request's body could not be framed. The web server echoes the header but would otherwise wait for a
 * next request on the socket, leaving a client that reads to end-of-stream hanging. With {@code http_keepalive}
 * off every response says it, as upstream's WSGI server then closes after each request.
 */
final class ConnectionClose implements Filter {
    private final boolean keepAlive;

    /** @param keepAlive whether connections stay open for more requests ({@code http_keepalive}) */
    ConnectionClose(boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!keepAlive) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        try {
            chain.proceed();
        } catch (GlanceException e) {
            // a refusal from a later filter: answer it here, so the close below still applies
            ErrorResponses.send(req, res, e);
        }
        if (res.isSent() && (req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
                || res.headers().containsToken(HeaderValues.CONNECTION_CLOSE))) {
            throw new CloseConnectionException("the response closes the connection");
        }
    }
}
