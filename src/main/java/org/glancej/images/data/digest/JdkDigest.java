package org.glancej.images.data.digest;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A digest computed by the JDK's {@link MessageDigest}. */
final class JdkDigest implements StreamDigest {
    private final MessageDigest digest;
    private boolean ended;

    JdkDigest(HashAlgorithm algorithm) {
        requireNonNull(algorithm, "algorithm is null");
        try {
            this.digest = MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("hash algorithm unavailable: " + algorithm.jcaName(), e);
        }
    }

    @Override
    public void update(byte[] buffer, int offset, int length) {
        ensureOpen();
        digest.update(buffer, offset, length);
    }

    @Override
    public byte[] digest() {
        ensureOpen();
        ended = true;
        return digest.digest();
    }

    @Override
    public void close() {
        ended = true;
    }

    private void ensureOpen() {
        if (ended) {
            throw new IllegalStateException("digest already ended");
        }
    }
}
