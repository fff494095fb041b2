package org.glancej.common;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A failure the client should see: its kind decides the HTTP status, its message the explanation.
 * Extra response headers (e.g. {@code Allow}, {@code Accept-Patch}) ride along.
 */
public final class GlanceException extends RuntimeException {
    private final ErrorKind kind;
    private final Map<String, String> headers;

    public GlanceException(ErrorKind kind, String message) {
        this(kind, message, Map.of(), null);
    }

    public GlanceException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, Map.of(), cause);
    }

    public GlanceException(ErrorKind kind, String message, Map<String, String> headers, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.headers = Map.copyOf(headers);
    }

    public ErrorKind kind() {
        return kind;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static GlanceException badRequest(String message) {
        return new GlanceException(ErrorKind.BAD_REQUEST, message);
    }

    public static GlanceException forbidden(String message) {
        return new GlanceException(ErrorKind.FORBIDDEN, message);
    }

    public static GlanceException notFound(String message) {
        return new GlanceException(ErrorKind.NOT_FOUND, message);
    }

    public static GlanceException conflict(String message) {
        return new GlanceException(ErrorKind.CONFLICT, message);
    }
}
