package org.glancej.images.data.digest;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

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
    private static final int ROUNDS = 7;

    private DigestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        byte[] buffer = new byte[BUFFER];
        new Random(42).nextBytes(buffer);
        Digests jdk = Digests.jdkOnly();
        Digests openssl = Digests.create();
        System.out.println("libcrypto: " + openssl.describe());

        List<Case> cases = new ArrayList<>();
        for (String algorithm : List.of("md5", "sha512")) {
            for (Digests digests : List.of(jdk, openssl)) {
                cases.add(new Case(digests.backend(algorithm) + " " + algorithm,
                        n -> hash(digests, buffer, BUFFER, n, algorithm)));
            }
        }
        for (Digests digests : List.of(jdk, openssl)) {
            cases.add(new Case(digests.backend("sha512") + " md5+sha512 serial",
                    n -> hash(digests, buffer, BUFFER, n, "md5", "sha512")));
            // Uploads arrive in reads far smaller than 1 MiB; the second hash then finds the bytes in cache.
            cases.add(new Case(digests.backend("sha512") + " md5+sha512 serial, 64 KiB updates",
                    n -> hash(digests, buffer, 64 << 10, n, "md5", "sha512")));
            // As uploads hash: MD5 on the reading thread, SHA-512 on another core.
            cases.add(new Case(digests.backend("sha512") + " md5 + off-thread sha512, 128 KiB updates", n -> {
                StreamDigest md5 = digests.digest("md5");
                StreamDigest sha512 = new OffThreadDigest(digests.digest("sha512"));
                int piece = 128 << 10;
                for (int i = 0; i < n; i++) {
                    for (int off = 0; off < BUFFER; off += piece) {
                        md5.update(buffer, off, piece);
                        sha512.update(buffer, off, piece);
                    }
                }
                md5.digest();
                sha512.digest();
            }));
        }

        // What the cap per critical call costs, and what copying to native memory first would cost.
        LibCrypto lib = LibCrypto.load("libcrypto.so.3");
        MemorySegment sha512 = lib.messageDigest("sha512").orElseThrow();
        for (int slice : new int[] {16 << 10, 64 << 10, 256 << 10, 1 << 20}) {
            cases.add(new Case("OPENSSL sha512 in place, " + (slice >> 10) + " KiB per call", n -> {
                MemorySegment ctx = lib.newContext(sha512);
                MemorySegment heap = MemorySegment.ofArray(buffer);
                for (int i = 0; i < n; i++) {
                    for (int off = 0; off < BUFFER; off += slice) {
                        lib.update(ctx, heap.asSlice(off, slice));
                    }
                }
                lib.finish(ctx, new byte[LibCrypto.MAX_DIGEST_BYTES]);
                lib.free(ctx);
            }));
        }
        MemorySegment offHeap = Arena.global().allocate(BUFFER);
        cases.add(new Case("OPENSSL sha512 copied off-heap first", n -> {
            MemorySegment ctx = lib.newContext(sha512);
            for (int i = 0; i < n; i++) {
                MemorySegment.copy(buffer, 0, offHeap, ValueLayout.JAVA_BYTE, 0, BUFFER);
                lib.update(ctx, offHeap);
            }
            lib.finish(ctx, new byte[LibCrypto.MAX_DIGEST_BYTES]);
            lib.free(ctx);
        }));

        for (Case c : cases) {
            for (int i = 0; i < 3; i++) {
                c.run().accept(BUFFERS_PER_DIGEST);
            }
        }
        // Rounds interleave the cases, so that a burst of load elsewhere does not skew one case alone.
        double[][] rates = new double[cases.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < cases.size(); i++) {
                long start = System.nanoTime();
                cases.get(i).run().accept(BUFFERS_PER_DIGEST);
                rates[i][round] = (double) BUFFERS_PER_DIGEST * BUFFER / 1e6 / ((System.nanoTime() - start) / 1e9);
            }
        }
        for (int i = 0; i < cases.size(); i++) {
            Arrays.sort(rates[i]);
            System.out.printf("%-50s best %6.0f MB/s   median %6.0f MB/s%n",
                    cases.get(i).label(), rates[i][ROUNDS - 1], rates[i][ROUNDS / 2]);
        }
    }

    /** Hashes {@code buffers} times the buffer, handing each algorithm {@code piece} bytes in turn. */
    private static void hash(Digests digests, byte[] buffer, int piece, int buffers, String... algorithms) {
        StreamDigest[] running = Arrays.stream(algorithms).map(digests::digest).toArray(StreamDigest[]::new);
        for (int i = 0; i < buffers; i++) {
            for (int off = 0; off < buffer.length; off += piece) {
                for (StreamDigest digest : running) {
                    digest.update(buffer, off, piece);
                }
            }
        }
        for (StreamDigest digest : running) {
            digest.digest();
        }
    }

    private record Case(String label, IntConsumer run) {
    }
}
