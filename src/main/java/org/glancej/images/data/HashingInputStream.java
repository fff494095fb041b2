package org.glancej.images.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The single wrapper around uploaded data: counts bytes, enforces the size cap, and feeds every byte once to
 * the MD5 checksum, the secure hash and the format inspector, in the same pass that hands them to the store.
 */
final class HashingInputStream extends FilterInputStream {
    /** Sees every byte of the upload in order (the format inspector). */
    interface Observer {
        void update(byte[] buffer, int offset, int length);
    }

    private final MessageDigest md5;
    private final MessageDigest secure;
    private final Observer observer;
    private final long cap;
    private long count;

    HashingInputStream(InputStream in, String secureJcaName, long cap, Observer observer) {
        super(in);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
            this.secure = MessageDigest.getInstance(secureJcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("hash algorithm unavailable: " + e.getMessage(), e);
        }
        this.cap = cap;
        this.observer = observer;
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
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("upload data is read in full");
    }

    long count() {
        return count;
    }

    String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    String secureHex() {
        return HexFormat.of().formatHex(secure.digest());
    }

    /** Thrown mid-stream when the upload passes {@code image_size_cap}. */
    static final class SizeCapExceededException extends IOException {
        SizeCapExceededException(long cap) {
            super("image data exceeds the size cap of " + cap + " bytes");
        }
    }
}
