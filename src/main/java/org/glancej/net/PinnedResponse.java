package org.glancej.net;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A response's status and headers, and its body as a stream that closes the connection when closed. */
public final class PinnedResponse implements Closeable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    /** @param headers by lower-case name */
    PinnedResponse(int status, Map<String, String> headers, InputStream body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = requireNonNull(body, "body is null");
    }

    public int status() {
        return status;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body; the caller owns it from here and closes it. */
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }
}
