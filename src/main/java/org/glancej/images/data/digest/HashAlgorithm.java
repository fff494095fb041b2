package org.glancej.images.data.digest;

import java.util.Arrays;
import java.util.Optional;

/** The hash algorithms upstream's {@code hashing_algorithm} accepts, under their Python, JCA and OpenSSL names. */
public enum HashAlgorithm {
    MD5("md5", "MD5", "md5"),
    SHA1("sha1", "SHA-1", "sha1"),
    SHA224("sha224", "SHA-224", "sha224"),
    SHA256("sha256", "SHA-256", "sha256"),
    SHA384("sha384", "SHA-384", "sha384"),
    SHA512("sha512", "SHA-512", "sha512"),
    SHA512_224("sha512_224", "SHA-512/224", "sha512-224"),
    SHA512_256("sha512_256", "SHA-512/256", "sha512-256"),
    SHA3_224("sha3_224", "SHA3-224", "sha3-224"),
    SHA3_256("sha3_256", "SHA3-256", "sha3-256"),
    SHA3_384("sha3_384", "SHA3-384", "sha3-384"),
    SHA3_512("sha3_512", "SHA3-512", "sha3-512");

    private final String pythonName;
    private final String jcaName;
    private final String opensslName;

    HashAlgorithm(String pythonName, String jcaName, String opensslName) {
        this.pythonName = pythonName;
        this.jcaName = jcaName;
        this.opensslName = opensslName;
    }

    /** The algorithm hashlib knows as {@code pythonName} (lower case, as in the config file). */
    public static Optional<HashAlgorithm> fromPython(String pythonName) {
        return Arrays.stream(values()).filter(a -> a.pythonName.equals(pythonName)).findFirst();
    }

    public String pythonName() {
        return pythonName;
    }

    /** The length of this algorithm's digest in bytes, as hashlib's {@code digest_size}. */
    public int digestBytes() {
        try {
            return java.security.MessageDigest.getInstance(jcaName()).getDigestLength();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName() + " is missing from this JDK", e);
        }
    }

    public String jcaName() {
        return jcaName;
    }

    /** The name both {@code EVP_MD_fetch} (OpenSSL 3) and {@code EVP_get_digestbyname} (1.1) accept. */
    public String opensslName() {
        return opensslName;
    }
}
