package org.glancej.images.data.digest;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Prints hashing throughput of both backends over 1 MiB buffers, in MB/s (10^6 bytes, as {@code openssl speed}).
 * A measurement to run by hand on a quiet machine, not a test:
 * <pre>
 * mvn -q test-compile && java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *     org.glancej.images.data.digest.DigestThroughput
 * </pre>
 */
public final class DigestThroughput {
    private static final int BUFFER = 1 << 20;
    /** Buffers per digest, as in a 256 MiB upload. */
    private static final int BUFFERS_PER_DIGEST = 256;

    private DigestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        byte[] buffer = new byte[BUFFER];
        new Random(42).nextBytes(buffer);
        Digests jdk = Digests.jdkOnly();
        Digests openssl = Digests.create();
        System.out.println("libcrypto: " + openssl.describe());

        for (String algorithm : List.of("md5", "sha512")) {
            for (Digests digests : List.of(jdk, openssl)) {
                report(digests.backend(algorithm) + " " + algorithm, n -> hash(digests, buffer, n, algorithm));
            }
        }
        for (Digests digests : List.of(jdk, openssl)) {
            report(digests.backend("sha512") + " md5+sha512 serial", n -> hash(digests, buffer, n, "md5", "sha512"));
        }

        // What the 64 KiB cap per critical call costs, and what copying to native memory first would cost.
        LibCrypto lib = LibCrypto.load("libcrypto.so.3");
        MemorySegment sha512 = lib.messageDigest("sha512").orElseThrow();
        for (int slice : new int[] {16 << 10, 64 << 10, 256 << 10, 1 << 20}) {
            report("OPENSSL sha512 in place, " + (slice >> 10) + " KiB per call", n -> {
                MemorySegment ctx = lib.newContext(sha512);
                MemorySegment heap = MemorySegment.ofArray(buffer);
                for (int i = 0; i < n; i++) {
                    for (int off = 0; off < BUFFER; off += slice) {
                        lib.update(ctx, heap.asSlice(off, slice));
                    }
                }
                lib.finish(ctx, new byte[LibCrypto.MAX_DIGEST_BYTES]);
                lib.free(ctx);
            });
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment offHeap = arena.allocate(BUFFER);
            report("OPENSSL sha512 copied off-heap first", n -> {
                MemorySegment ctx = lib.newContext(sha512);
                for (int i = 0; i < n; i++) {
                    MemorySegment.copy(buffer, 0, offHeap, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, BUFFER);
                    lib.update(ctx, offHeap);
                }
                lib.finish(ctx, new byte[LibCrypto.MAX_DIGEST_BYTES]);
                lib.free(ctx);
            });
        }
    }

    private static void hash(Digests digests, byte[] buffer, int buffers, String... algorithms) {
        StreamDigest[] running = Arrays.stream(algorithms).map(digests::digest).toArray(StreamDigest[]::new);
        for (int i = 0; i < buffers; i++) {
            for (StreamDigest digest : running) {
                digest.update(buffer, 0, buffer.length);
            }
        }
        for (StreamDigest digest : running) {
            digest.digest();
        }
    }

    /** Warms up, then prints the best and median of five runs of {@link #BUFFERS_PER_DIGEST} buffers. */
    private static void report(String label, Consumer<Integer> run) {
        for (int i = 0; i < 3; i++) {
            run.accept(BUFFERS_PER_DIGEST);
        }
        double[] rates = new double[5];
        for (int i = 0; i < rates.length; i++) {
            long start = System.nanoTime();
            run.accept(BUFFERS_PER_DIGEST);
            rates[i] = (double) BUFFERS_PER_DIGEST * BUFFER / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("%-45s best %6.0f MB/s   median %6.0f MB/s%n", label, rates[rates.length - 1], rates[2]);
    }
}
