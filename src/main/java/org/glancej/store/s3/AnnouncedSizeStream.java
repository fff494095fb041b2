package org.glancej.store.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The caller's data as the body of a single PUT of an announced length: it gives exactly that many bytes and
 * remembers the first failure of the caller's stream (or its ending early), because the HTTP client, which reads
 * it on its own threads, reports only a wrapped one.
 */
final class AnnouncedSizeStream extends InputStream {
    private final InputStream data;
    private final long size;
    private final UploadProgress progress = new UploadProgress();
    private long served;
    private volatile RuntimeException failure;

    AnnouncedSizeStream(InputStream data, long size) {
        this.data = data;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (served >= size) {
            return -1;
        }
        int n;
        progress.waitingForCaller(true);
        try {
            n = data.read(b, off, (int) Math.min(len, size - served));
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
            throw e;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            progress.waitingForCaller(false);
        }
        if (n < 0) {
            EOFException early = new EOFException("image data ended after " + served + " of the " + size
                    + " bytes announced");
            failure = new UncheckedIOException(early);
            throw early;
        }
        served += n;
        return n;
    }

    UploadProgress progress() {
        return progress;
    }

    /** What went wrong reading the caller's data, if anything: it is what the caller must see. */
    RuntimeException failure() {
        return failure;
    }
}
