package org.glancej.images.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Lets a store tell its own I/O failures from the client's: reading the request fails with an unchecked
 * exception, which the store passes through untouched. Also where an upload notices the shutdown cut it off.
 */
final class UncheckedReads extends InputStream {
    private final InputStream in;
    private final UploadsInFlight inFlight;

    UncheckedReads(InputStream in, UploadsInFlight inFlight) {
        this.in = in;
        this.inFlight = inFlight;
    }

    @Override
    public int read() {
        try {
            checkNotCutOff();
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        try {
            checkNotCutOff();
            return in.read(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkNotCutOff() throws IngestFailures.UploadCutOffException {
        if (inFlight.isCutOff()) {
            throw new IngestFailures.UploadCutOffException();
        }
    }
}
