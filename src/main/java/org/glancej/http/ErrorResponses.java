package org.glancej.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
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
        Body body = body(req.headers().first(HeaderNames.ACCEPT).orElse(""), kind.status(), kind.title(), explanation,
                kind == ErrorKind.METHOD_NOT_ALLOWED);
        res.status(kind.status());
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, body.contentType());
        res.send(body.bytes());
    }

    /** An error body in the format the {@code Accept} header picks. */
    record Body(byte[] bytes, String contentType) {}

    static Body body(String accept, int code, String title, String explanation, boolean methodNotAllowed) {
        String status = code + " " + title;
        // webob's body templates: explanation, two line breaks, then the (empty) detail and comment lines
        String body = explanation + (methodNotAllowed ? "<br /><br />\n" : "<br /><br />\n\n\n");
        return switch (ErrorFormat.choose(accept)) {
            case JSON -> {
                ObjectNode json = Json.object().put("message", body).put("code", status).put("title", title);
                yield new Body(json.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            }
            case HTML -> new Body(("<html>\n <head>\n  <title>" + status + "</title>\n </head>\n <body>\n  <h1>" + status
                    + "</h1>\n  " + escapeHtml(explanation) + body.substring(explanation.length()) + "\n </body>\n</html>")
                    .getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
            default -> new Body((status + "\n\n" + body.replace("\n", " ").replace("<br />", "\n"))
                    .getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
        };
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
