package org.glancej.images.data.digest;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Objects;

/**
 * A digest computed by libcrypto over the caller's {@code byte[]} in place. Its native context is freed by
 * {@link #digest} or {@link #close}; the cleaner frees it only if neither is called.
 */
final class OpenSslDigest implements StreamDigest {
    /**
     * Bytes hashed per critical call. The calling thread cannot reach a safepoint until the call returns, so
     * each call is kept to ~0.1 ms (MD5 runs at ~0.7 GB/s); smaller or larger slices measured no faster.
     */
    static final int MAX_CRITICAL_BYTES = 64 * 1024;

    private final LibCrypto lib;
    private final MemorySegment ctx;
    private final Cleaner.Cleanable freeContext;
    private boolean ended;

    OpenSslDigest(LibCrypto lib, MemorySegment md, Cleaner cleaner) {
        this.lib = lib;
        this.ctx = lib.newContext(md);
        this.freeContext = cleaner.register(this, new FreeContext(lib, ctx));
    }

    @Override
    public void update(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        ensureOpen();
        MemorySegment data = MemorySegment.ofArray(buffer);
        try {
            for (int done = 0; done < length; done += MAX_CRITICAL_BYTES) {
                lib.update(ctx, data.asSlice(offset + done, Math.min(MAX_CRITICAL_BYTES, length - done)));
            }
        } finally {
            // Keeps the cleaner from freeing ctx while libcrypto still uses it.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public byte[] digest() {
        ensureOpen();
        byte[] out = new byte[LibCrypto.MAX_DIGEST_BYTES];
        int length;
        try {
            length = lib.finish(ctx, out);
        } finally {
            close();
        }
        return Arrays.copyOf(out, length);
    }

    @Override
    public void close() {
        ended = true;
        freeContext.clean();
    }

    private void ensureOpen() {
        if (ended) {
            throw new IllegalStateException("digest already ended");
        }
    }

    /** Holds no reference to the digest, so that the digest can become unreachable. */
    private record FreeContext(LibCrypto lib, MemorySegment ctx) implements Runnable {
        @Override
        public void run() {
            lib.free(ctx);
        }
    }
}
