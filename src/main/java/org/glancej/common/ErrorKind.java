package org.glancej.common;

import java.util.Arrays;
import java.util.Optional;

/** Every error the API can answer with, as the HTTP status upstream Glance uses for it. */
public enum ErrorKind {
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    CONFLICT(409, "Conflict"),
    GONE(410, "Gone"),
    REQUEST_ENTITY_TOO_LARGE(413, "Request Entity Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    RANGE_NOT_SATISFIABLE(416, "Requested Range Not Satisfiable"),
    REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
    INTERNAL_ERROR(500, "Internal Server Error"),
    BAD_GATEWAY(502, "Bad Gateway"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway Timeout");

    private final int status;
    private final String title;

    ErrorKind(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The kind answering with this status, for relaying another node's answer; empty if none does. */
    public static Optional<ErrorKind> ofStatus(int status) {
        return Arrays.stream(values()).filter(k -> k.status == status).findFirst();
    }
}
