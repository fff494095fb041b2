package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;

/**
 * Why an import's source cannot give its data. Thrown when a source is opened and from the data stream's reads,
 * where the ingest wraps it (in an {@link java.io.UncheckedIOException}); {@link #in} finds it again. The message
 * says what went wrong in upstream's words where upstream has them, names at most the URL, and is fit for the
 * task's {@code message} and the log (no stack trace needed: none of these is a fault of the service).
 */
public final class ImportSourceException extends IOException {
    public enum Reason {
        /** The URL, or a redirect's target, does not pass {@code [import_filtering_opts]} and the address checks. */
        REFUSED,
        /** No image endpoint for the region and interface, or the source has no such image or file. */
        NOT_FOUND,
        /** The source could not be reached, stalled, closed early or answered with a server error. */
        UNAVAILABLE,
        /** The data is larger than {@code image_size_cap}. */
        TOO_LARGE,
        /** The source answered, but not with data that can be imported (status, size, malformed answer). */
        INVALID
    }

    private final Reason reason;

    public ImportSourceException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ImportSourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }

    /** The source's failure behind {@code failure}, however it was wrapped on the way. */
    public static Optional<ImportSourceException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ImportSourceException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
