package org.glancej.images.data.digest;

import static java.util.Objects.requireNonNull;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes {@link StreamDigest}s: backed by the system's libcrypto where it provides the algorithm, as upstream's
 * hashlib is, and by the JDK's {@code MessageDigest} otherwise. Whether OpenSSL is faster depends on the CPU and
 * on which JDK intrinsics it gets ({@code DigestThroughput} measures both). Create one at startup and share it;
 * it is immutable and thread-safe.
 */
public final class Digests {
    /** Where Debian and most Linux distributions install OpenSSL 3's libcrypto, then any other version. */
    public static final List<String> DEFAULT_LIBRARIES = List.of("libcrypto.so.3", "libcrypto.so");

    /** Which implementation computes an algorithm. */
    public enum Backend { OPENSSL, JDK }

    private final Optional<Native> openssl;
    private final String unavailableReason;

    private Digests(Optional<Native> openssl, String unavailableReason) {
        this.openssl = openssl;
        this.unavailableReason = unavailableReason;
    }

    public static Digests create() {
        return create(DEFAULT_LIBRARIES);
    }

    /** Uses the first of {@code libraryNames} that loads as libcrypto, or the JDK when none does. */
    public static Digests create(List<String> libraryNames) {
        List<String> reasons = new ArrayList<>();
        for (String name : libraryNames) {
            try {
                return new Digests(Optional.of(Native.of(LibCrypto.load(name))), "");
            } catch (LibCrypto.UnavailableException e) {
                reasons.add(name + ": " + e.getMessage());
            }
        }
        return new Digests(Optional.empty(), reasons.isEmpty() ? "no library named" : String.join("; ", reasons));
    }

    /** Only the JDK's digests. */
    public static Digests jdkOnly() {
        return new Digests(Optional.empty(), "not requested");
    }

    /**
     * A new digest for the algorithm Python's hashlib calls {@code pythonName}.
     *
     * @throws IllegalArgumentException if the name is not one of {@link HashAlgorithm}'s
     */
    public StreamDigest digest(String pythonName) {
        HashAlgorithm algorithm = algorithm(pythonName);
        return openssl.flatMap(o -> o.digest(algorithm)).orElseGet(() -> new JdkDigest(algorithm));
    }

    public Backend backend(String pythonName) {
        HashAlgorithm algorithm = algorithm(pythonName);
        return openssl.filter(o -> o.algorithms().containsKey(algorithm)).isPresent() ? Backend.OPENSSL : Backend.JDK;
    }

    /** Which library computes which algorithms, or why libcrypto is not used; for the startup log. */
    public String describe() {
        if (openssl.isEmpty()) {
            return "JDK MessageDigest (libcrypto not used: " + unavailableReason + ")";
        }
        LibCrypto lib = openssl.get().lib();
        List<String> jdk = Arrays.stream(HashAlgorithm.values())
                .filter(a -> !openssl.get().algorithms().containsKey(a))
                .map(HashAlgorithm::pythonName)
                .toList();
        return lib.version() + " (" + lib.libraryName() + ")"
                + (jdk.isEmpty() ? "" : "; JDK MessageDigest for " + String.join(", ", jdk));
    }

    private static HashAlgorithm algorithm(String pythonName) {
        requireNonNull(pythonName, "pythonName is null");
        return HashAlgorithm.fromPython(pythonName)
                .orElseThrow(() -> new IllegalArgumentException("unknown hash algorithm: " + pythonName));
    }

    /** A loaded libcrypto with the {@code EVP_MD} of every algorithm it provides. */
    private record Native(LibCrypto lib, Map<HashAlgorithm, MemorySegment> algorithms, Cleaner cleaner) {
        static Native of(LibCrypto lib) {
            Map<HashAlgorithm, MemorySegment> algorithms = new EnumMap<>(HashAlgorithm.class);
            for (HashAlgorithm algorithm : HashAlgorithm.values()) {
                // Absent e.g. for MD5 when OpenSSL runs in FIPS mode.
                lib.messageDigest(algorithm.opensslName()).ifPresent(md -> algorithms.put(algorithm, md));
            }
            return new Native(lib, Map.copyOf(algorithms), Cleaner.create());
        }

        Optional<StreamDigest> digest(HashAlgorithm algorithm) {
            return Optional.ofNullable(algorithms.get(algorithm)).map(md -> new OpenSslDigest(lib, md, cleaner));
        }
    }
}
