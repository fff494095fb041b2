package org.glancej.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Bodies for the requests the web server refuses itself, before any route (a malformed request line or header,
 * a request line over the limit, a transfer coding other than chunked), in the same shapes as
 * {@link ErrorResponses}; the web server alone answers them with an empty body. Its own reason is not passed on
 * (it may quote the request), so each status gets a fixed explanation.
 */
final class TransportErrors implements DirectHandler {
    static DirectHandlers all() {
        TransportErrors errors = new TransportErrors();
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, errors);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        String accept = request.headers().first(HeaderNames.ACCEPT).orElse("");
        ErrorResponses.Body body = ErrorResponses.body(accept, status.code(), status.reasonPhrase(),
                explanation(status.code()));
        headers.set(HeaderNames.CONTENT_TYPE, body.contentType());
        return TransportResponse.builder().status(status).headers(headers).entity(body.bytes()).build();
    }

    private static String explanation(int code) {
        return switch (code) {
            case 400 -> "The request is not valid HTTP/1.1: its request line, a header or its framing is malformed.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request line is too long: at most " + ApiServer.MAX_REQUEST_LINE + " bytes are accepted.";
            case 431 -> "The request headers are too large.";
            case 501 -> "The request's transfer coding is not supported: only chunked is.";
            case 503 -> "The server is too busy to serve the request; try again later.";
            case 505 -> "The request's HTTP version is not supported.";
            default -> "The server has either erred or is incapable of performing the requested operation.";
        };
    }
}
