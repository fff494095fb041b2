package org.glancej.images.data.digest;

import java.util.HexFormat;

/**
 * A hash already known for the data about to pass (taken when the same bytes were staged): feeding it costs
 * nothing, and its result is the known value.
 */
public final class KnownDigest implements StreamDigest {
    private final byte[] value;
    private boolean ended;

    public KnownDigest(String hex) {
        this.value = HexFormat.of().parseHex(hex);
    }

    @Override
    public void update(byte[] buffer, int offset, int length) {
        if (ended) {
            throw new IllegalStateException("digest already ended");
        }
    }

    @Override
    public byte[] digest() {
        if (ended) {
            throw new IllegalStateException("digest already ended");
        }
        ended = true;
        return value.clone();
    }

    @Override
    public void close() {
        ended = true;
    }
}
