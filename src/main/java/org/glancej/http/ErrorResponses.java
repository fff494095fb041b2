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
import org.glancej.keystone.KeystoneUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses, in upstream's (webob's) three shapes: JSON when the
 * client accepts JSON rather than HTML, HTML for browsers and {@code *}/{@code *}, plain text otherwise.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** keystonemiddleware's words when it cannot reach Keystone. */
    public static final String KEYSTONE_UNAVAILABLE = "The Keystone service is temporarily unavailable.";

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

    /**
     * Keystone gave no usable answer (token validation, limits, a catalog): a 503, as keystonemiddleware answers
     * when it cannot validate, logged as a warning without a stack trace.
     */
    public static void sendKeystoneUnavailable(ServerRequest req, ServerResponse res, KeystoneUnavailableException e) {
        LOG.warn("{} {}: Keystone is unavailable: {}", req.prologue().method().text(), req.path().rawPath(),
                e.getMessage());
        send(req, res, ErrorKind.SERVICE_UNAVAILABLE, KEYSTONE_UNAVAILABLE, Map.of());
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
        String lead;
        String text;
        if (kind == ErrorKind.UNSUPPORTED_MEDIA_TYPE) {
            // webob's 415 template names the request's media type; the exception's message is its detail
            lead = "The request media type " + req.headers().first(HeaderNames.CONTENT_TYPE).orElse("text/plain")
                    + " is not supported by this server.";
            text = lead + "\n<br /><br />\n" + explanation;
        } else if (kind == ErrorKind.BAD_GATEWAY || kind == ErrorKind.GATEWAY_TIMEOUT) {
            // upstream raises these with the message as webob's detail, after the class's own explanation
            lead = kind == ErrorKind.BAD_GATEWAY ? "Bad gateway." : "The gateway has timed out.";
            text = lead + "<br /><br />\n" + explanation + "\n\n";
        } else {
            // webob's body templates: explanation, two line breaks, then the (empty) detail and comment lines
            lead = explanation;
            text = explanation + (kind == ErrorKind.METHOD_NOT_ALLOWED ? "<br /><br />\n" : "<br /><br />\n\n\n");
        }
        Body body = body(req.headers().first(HeaderNames.ACCEPT).orElse(""), kind.status(), kind.title(), lead, text,
                explanation);
        res.status(kind.status());
        headers.forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, body.contentType());
        res.send(body.bytes());
    }

    /** An error body in the format the {@code Accept} header picks. */
    record Body(byte[] bytes, String contentType) {}

    /** The body of webob's plain template for this status and explanation. */
    static Body body(String accept, int code, String title, String explanation) {
        return body(accept, code, title, explanation, explanation + "<br /><br />\n\n\n", explanation);
    }

    /**
     * @param lead the template's first sentence
     * @param text the whole explanation with webob's line breaks, starting with {@code lead}
     * @param detail the part of {@code text} that came from the request or the failure
     */
    private static Body body(String accept, int code, String title, String lead, String text, String detail) {
        String status = code + " " + title;
        return switch (ErrorFormat.choose(accept)) {
            case JSON -> {
                ObjectNode json = Json.object().put("message", text).put("code", status).put("title", title);
                yield new Body(json.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            }
            case HTML -> new Body(("<html>\n <head>\n  <title>" + status + "</title>\n </head>\n <body>\n  <h1>" + status
                    + "</h1>\n  " + escapeHtml(lead) + escapeTail(text.substring(lead.length()), detail)
                    + "\n </body>\n</html>").getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
            default -> new Body((status + "\n\n" + text.replace("\n", " ").replace("<br />", "\n"))
                    .getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
        };
    }

    /** The template's markup after the lead stays; a detail inside it is escaped. */
    private static String escapeTail(String tail, String detail) {
        return detail.isEmpty() || !tail.endsWith(detail) ? tail
                : tail.substring(0, tail.length() - detail.length()) + escapeHtml(detail);
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
