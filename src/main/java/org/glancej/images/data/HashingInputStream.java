package org.glancej.images.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.glancej.images.data.digest.Digests;
import org.glancej.images.data.digest.KnownDigest;
import org.glancej.images.data.digest.OffThreadDigest;
import org.glancej.images.data.digest.StreamDigest;

/**
 * The single wrapper around uploaded data: counts bytes, enforces the size cap, and feeds every byte once to
 * the MD5 checksum, the secure hash and the format inspector, in the same pass that hands them to the store.
 * The hashes are finished at the end of the stream; {@link #abandon} releases them when it is never reached.
 */
final class HashingInputStream extends FilterInputStream {
    /** Sees every byte of the upload in order (the format inspector). */
    interface Observer {
        void update(byte[] buffer, int offset, int length);
    }

    private final StreamDigest md5;
    private final StreamDigest secure;
    private final Observer observer;
    private final long cap;
    /** Read by other threads for live progress. */
    private volatile long count;
    private boolean finishAtEnd = true;
    private String md5Hex;
    private String secureHex;

    /** {@code secureAlgorithm} is the Python hashlib name, as in {@code [DEFAULT] hashing_algorithm}. */
    HashingInputStream(InputStream in, Digests digests, String secureAlgorithm, long cap, Observer observer) {
        super(in);
        // each hash on its own thread: the thread receiving the data only copies it, and both cores stay busy
        this.md5 = new OffThreadDigest(digests.digest("md5"));
        try {
            this.secure = new OffThreadDigest(digests.digest(secureAlgorithm));
        } catch (RuntimeException e) {
            md5.close();
            throw e;
        }
        this.cap = cap;
        this.observer = observer;
    }

    /**
     * Data whose digests are already known (staged data whose stage hashed it): they are not computed again; the
     * bytes are still counted, capped and inspected.
     */
    HashingInputStream(InputStream in, DataIngest.KnownDigests known, long cap, Observer observer) {
        super(in);
        this.md5 = new KnownDigest(known.md5());
        this.secure = new KnownDigest(known.hash());
        this.cap = cap;
        this.observer = observer;
    }

    /** Continues digests {@link #park parked} by an earlier stream over the same data's first bytes. */
    HashingInputStream(InputStream in, Parked parked, long cap, Observer observer) {
        super(in);
        this.md5 = parked.md5();
        this.secure = parked.secure();
        this.count = parked.count();
        this.cap = cap;
        this.observer = observer;
    }

    /** Digests left running over the first {@code count} bytes of some data, to be continued by another stream. */
    record Parked(StreamDigest md5, StreamDigest secure, long count) {
        void close() {
            md5.close();
            secure.close();
        }
    }

    /** Leaves the digests running at the end of the data, which may be continued ({@link #park}). */
    HashingInputStream keepOpenAtEnd() {
        finishAtEnd = false;
        return this;
    }

    /** Hands over the running digests; this stream must not be used afterwards. */
    Parked park() {
        return new Parked(md5, secure, count);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (count > cap) {
                throw new SizeCapExceededException(cap);
            }
            md5.update(b, off, n);
            secure.update(b, off, n);
            observer.update(b, off, n);
        } else if (n < 0 && finishAtEnd) {
            finish();
        }
        return n;
    }

    /**
     * Hashes and counts data held from before this stream (the staged prefix a resumed stage continues), without
     * passing it on: the digests then stand where they would had the whole data come through here.
     */
    void absorb(InputStream prefix) throws IOException {
        byte[] buffer = new byte[128 << 10];
        int n;
        while ((n = prefix.read(buffer, 0, buffer.length)) > 0) {
            count += n;
            if (count > cap) {
                throw new SizeCapExceededException(cap);
            }
            md5.update(buffer, 0, n);
            secure.update(buffer, 0, n);
            observer.update(buffer, 0, n);
        }
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("upload data is read in full");
    }

    /** Bytes read so far, including those of a read that passed the cap. */
    long bytesRead() {
        return count;
    }

    String md5Hex() {
        finish();
        return md5Hex;
    }

    String secureHex() {
        finish();
        return secureHex;
    }

    /** Releases the hashes of an upload that failed before the end of its data. */
    void abandon() {
        md5.close();
        secure.close();
    }

    private void finish() {
        if (md5Hex == null) {
            try {
                md5Hex = md5.hexDigest();
                secureHex = secure.hexDigest();
            } finally {
                abandon();
            }
        }
    }

    /** Thrown mid-stream when the upload passes {@code image_size_cap}. */
    static final class SizeCapExceededException extends IOException {
        SizeCapExceededException(long cap) {
            super("image data exceeds the size cap of " + cap + " bytes");
        }
    }
}
