package org.glancej.imports.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalLong;
import org.glancej.imports.source.ImportSourceException.Reason;

/**
 * A source's body as the import reads it: capped at {@code image_size_cap} whatever the source announced,
 * held to the size the source promised when it promised one, and failing with a message that says what the
 * source did (stalled, closed early) rather than a bare socket error.
 */
final class SourceStream extends InputStream {
    private final InputStream in;
    private final String source;
    private final long cap;
    private final OptionalLong expected;
    private final Duration readTimeout;
    private volatile long read;

    /**
     * @param source what the messages call the source ("the web-download source")
     * @param expected the exact size the data must have, if known (a remote image's size)
     */
    SourceStream(InputStream in, String source, long cap, OptionalLong expected, Duration readTimeout) {
        this.in = in;
        this.source = source;
        this.cap = cap;
        this.expected = expected;
        this.readTimeout = readTimeout;
    }

    long bytesRead() {
        return read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The " + source + " sent no data for "
                    + readTimeout.toSeconds() + " seconds after " + read + " bytes", e);
        } catch (EOFException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The " + source + " closed the connection before the "
                    + "end of the data, after " + read + " bytes (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "Reading from the " + source + " failed after "
                    + read + " bytes: " + e.getMessage(), e);
        }
        if (n < 0) {
            if (expected.isPresent() && read != expected.getAsLong()) {
                throw sizeMismatch();
            }
            return n;
        }
        long total = read + n;
        read = total;
        if (total > cap) {
            // upstream's ImageSizeLimitExceeded
            throw new ImportSourceException(Reason.TOO_LARGE, "The provided image is too large.");
        }
        if (expected.isPresent() && total > expected.getAsLong()) {
            throw sizeMismatch();
        }
        return n;
    }

    private ImportSourceException sizeMismatch() {
        return new ImportSourceException(Reason.INVALID, "The downloaded data size " + read
                + " is different from expected " + expected.getAsLong());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
