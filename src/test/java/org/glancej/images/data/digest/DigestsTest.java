package org.glancej.images.data.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DigestsTest {
    private final Digests openssl = Digests.create();
    private final Digests jdk = Digests.jdkOnly();

    @Test
    void systemLibcryptoServesEveryAlgorithm() {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            assertThat(openssl.backend(algorithm.pythonName())).as(algorithm.pythonName())
                    .isEqualTo(Digests.Backend.OPENSSL);
        }
        assertThat(openssl.describe()).startsWith("OpenSSL ").contains("(libcrypto.so");
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void bothBackendsAgreeWithMessageDigestOverRandomPieces(HashAlgorithm algorithm) throws Exception {
        Random random = new Random(algorithm.ordinal());
        for (int size : new int[] {0, 1, 63, 64, 65, 1000, OpenSslDigest.MAX_CRITICAL_BYTES + 1, 1 << 20, 3_000_001}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] expected = MessageDigest.getInstance(algorithm.jcaName()).digest(data);
            for (Digests digests : List.of(openssl, jdk)) {
                assertThat(hashInPieces(digests.digest(algorithm.pythonName()), data, random, 1 << 21))
                        .as("%s over %d bytes by %s", algorithm, size, digests.describe())
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void oneByteUpdatesMatchOneShot(HashAlgorithm algorithm) throws Exception {
        byte[] data = new byte[777];
        new Random(7).nextBytes(data);
        StreamDigest digest = openssl.digest(algorithm.pythonName());
        for (int i = 0; i < data.length; i++) {
            digest.update(data, i, 1);
        }
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance(algorithm.jcaName()).digest(data));
    }

    @Test
    void wholeMebibyteArrayAtOnceAndAtAnOffset() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        StreamDigest whole = openssl.digest("sha512");
        whole.update(data, 0, data.length);
        assertThat(whole.digest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(data));

        StreamDigest tail = openssl.digest("sha512");
        tail.update(data, 12345, data.length - 12345 - 7);
        MessageDigest expected = MessageDigest.getInstance("SHA-512");
        expected.update(data, 12345, data.length - 12345 - 7);
        assertThat(tail.digest()).isEqualTo(expected.digest());
    }

    @Test
    void knownEmptyInputDigests() {
        assertThat(openssl.digest("md5").hexDigest()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(openssl.digest("sha256").hexDigest())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(openssl.digest("sha3_256").hexDigest())
                .isEqualTo("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    }

    @Test
    void fallsBackToTheJdkWhenNoLibraryLoads() throws Exception {
        Digests fallback = Digests.create(List.of("libglancej-no-such-library.so"));

        assertThat(fallback.backend("sha512")).isEqualTo(Digests.Backend.JDK);
        assertThat(fallback.describe()).startsWith("JDK MessageDigest").contains("libglancej-no-such-library.so");
        byte[] data = "abc".getBytes();
        StreamDigest digest = fallback.digest("sha512");
        digest.update(data, 0, data.length);
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(data));
    }

    @Test
    void fallsBackWhenTheLibraryIsNotLibcrypto() {
        Digests fallback = Digests.create(List.of("libc.so.6"));

        assertThat(fallback.backend("md5")).isEqualTo(Digests.Backend.JDK);
        assertThat(fallback.describe()).contains("libc.so.6: it has no EVP_MD_CTX_new");
    }

    @Test
    void triesTheNextLibraryName() {
        Digests second = Digests.create(List.of("libglancej-no-such-library.so", "libcrypto.so.3"));

        assertThat(second.backend("sha512")).isEqualTo(Digests.Backend.OPENSSL);
    }

    @Test
    void unknownAlgorithmIsRejected() {
        assertThatThrownBy(() -> openssl.digest("whirlpool")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEndedDigestRefusesFurtherUse() {
        for (Digests digests : List.of(openssl, jdk)) {
            StreamDigest digest = digests.digest("sha256");
            digest.digest();
            digest.close();
            assertThatThrownBy(() -> digest.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(digest::digest).isInstanceOf(IllegalStateException.class);

            StreamDigest abandoned = digests.digest("sha256");
            abandoned.update(new byte[10], 0, 10);
            abandoned.close();
            abandoned.close();
            assertThatThrownBy(abandoned::digest).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void updateChecksBoundsBeforeTouchingMemory() {
        StreamDigest digest = openssl.digest("sha512");
        assertThatThrownBy(() -> digest.update(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> digest.update(new byte[10], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        digest.close();
    }

    @Test
    void concurrentDigestsOnVirtualThreadsDoNotInterfere() throws Exception {
        List<Future<Void>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int task = 0; task < 200; task++) {
                int seed = task;
                results.add(executor.submit(() -> {
                    Random random = new Random(seed);
                    byte[] data = new byte[random.nextInt(300_000)];
                    random.nextBytes(data);
                    StreamDigest md5 = openssl.digest("md5");
                    StreamDigest sha = openssl.digest("sha512");
                    int off = 0;
                    while (off < data.length) {
                        int n = Math.min(data.length - off, 1 + random.nextInt(20_000));
                        md5.update(data, off, n);
                        sha.update(data, off, n);
                        off += n;
                        Thread.yield();
                    }
                    assertThat(md5.hexDigest()).isEqualTo(hex("MD5", data));
                    assertThat(sha.hexDigest()).isEqualTo(hex("SHA-512", data));
                    return null;
                }));
            }
        }
        for (Future<Void> result : results) {
            result.get();
        }
    }

    /** Feeds {@code data} in random pieces, each copied to a random offset of a reused, larger buffer. */
    private static byte[] hashInPieces(StreamDigest digest, byte[] data, Random random, int maxPiece) {
        byte[] buffer = new byte[maxPiece + 100];
        int done = 0;
        while (done < data.length) {
            int n = Math.min(data.length - done, random.nextInt(maxPiece) + 1);
            int offset = random.nextInt(100);
            random.nextBytes(buffer); // bytes around the piece must not leak into the hash
            System.arraycopy(data, done, buffer, offset, n);
            digest.update(buffer, offset, n);
            done += n;
        }
        digest.update(buffer, 3, 0);
        return digest.digest();
    }

    private static String hex(String jcaName, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(data));
    }
}
