package org.glancej.images.data.digest;

import java.util.HexFormat;

/**
 * A hash computed over data fed in pieces. One use only, by one thread at a time: {@link #digest} ends it and
 * releases what it holds, after which every call but {@link #close} throws {@link IllegalStateException}.
 */
public interface StreamDigest extends AutoCloseable {

    void update(byte[] buffer, int offset, int length);

    /** The hash of everything fed so far; ends this digest. */
    byte[] digest();

    default String hexDigest() {
        return HexFormat.of().formatHex(digest());
    }

    /** Releases the digest without a result, e.g. for an abandoned upload; does nothing after {@link #digest}. */
    @Override
    void close();
}
