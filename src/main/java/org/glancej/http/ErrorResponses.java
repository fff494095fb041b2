package org.glancej.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.db.DatabaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses, in upstream's (webob's) three shapes: JSON when the
 * client accepts JSON rather than HTML, HTML for browsers and {@code *}/{@code *}, plain text otherwise.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    public static void send(ServerRequest req, ServerResponse res, GlanceException e) {
        send(req, res, e.kind(), e.getMessage(), e.headers());
    }

    /**
     * The database cannot be used right now: a 503 naming it, logged as a warning without a stack trace since
     * nothing is wrong with the request or the code. The driver's words stay in the log.
     */
    public static void sendDatabaseUnavailable(ServerRequest req, ServerResponse res, DatabaseUnavailableException e) {
        LOG.warn("{} {}: the database is unavailable: {}", req.prologue().method().text(), req.path().rawPath(),
                e.getMessage());
        send(req, res, ErrorKind.SERVICE_UNAVAILABLE,
                "The image database is unavailable: " + e.reason() + ". Try again later.", Map.of());
    }

    /** Anything unexpected: logged with its stack trace, answered as a bare 500 without internals. */
    public static void sendUnexpected(ServerRequest req, ServerResponse res, Throwable t) {
        LOG.error("unexpected failure handling {} {}", req.prologue().method().text(), req.path().rawPath(), t);
        send(req, res, ErrorKind.INTERNAL_ERROR,
                "The server has either erred or is incapable of performing the requested operation.", Map.of());
    }

    static void send(ServerRequest req, ServerResponse res, ErrorKind kind, String explanation,
            Map<String, String> headers) {
        if (res.isSent()) {
            return;
        }
        String status = kind.status() + " " + kind.title();
        // webob's body templates: explanation, two line breaks, then the (empty) detail and comment lines
        String body = explanation + (kind == ErrorKind.METHOD_NOT_ALLOWED ? "<br /><br />\n" : "<br /><br />\n\n\n");
        byte[] bytes;
        String contentType;
        switch (ErrorFormat.choose(req.headers().first(HeaderNames.ACCEPT).orElse(""))) {
            case JSON -> {
                ObjectNode json = Json.object().put("message", body).put("code", status).put("title", kind.title());
                bytes = json.toString().getBytes(StandardCharsets.UTF_8);
                contentType = "application/json";
            }
            case HTML -> {
                bytes = ("<html>\n <head>\n  <title>" + status + "</title>\n </head>\n <body>\n  <h1>" + status
                        + "</h1>\n  " + escapeHtml(explanation) + body.substring(explanation.length()) + "\n </body>\n</html>")
                        .getBytes(StandardCharsets.UTF_8);
                contentType = "text/html; charset=UTF-8";
            }
            default -> {
                bytes = (status + "\n\n" + body.replace("\n", " ").replace("<br />", "\n"))
                        .getBytes(StandardCharsets.UTF_8);
                contentType = "text/plain; charset=UTF-8";
            }
        }
        res.status(kind.status());
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(bytes);
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
