package org.glancej.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests, header form. Payloads are sent {@code UNSIGNED-PAYLOAD} (allowed for
 * S3 and accepted by radosgw), so a stream can be signed before it is read.
 */
final class SigV4Signer {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String accessKey;
    private final byte[] secret;
    private final String region;

    SigV4Signer(String accessKey, String secretKey, String region) {
        this.accessKey = requireNonNull(accessKey, "accessKey is null");
        this.secret = ("AWS4" + requireNonNull(secretKey, "secretKey is null")).getBytes(UTF_8);
        this.region = requireNonNull(region, "region is null");
    }

    /**
     * The {@code Authorization} header value.
     *
     * @param canonicalPath the path as sent, already URI-encoded
     * @param query decoded query parameters (an empty value for flags such as {@code uploads})
     * @param headers the headers to sign (must include host, x-amz-date and x-amz-content-sha256)
     */
    String authorization(String method, String canonicalPath, Map<String, String> query, Map<String, String> headers,
            String payloadHash, Instant time) {
        SortedMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value.strip()));
        String signedHeaders = String.join(";", signed.keySet());
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(canonicalPath).append('\n')
                .append(canonicalQuery(query)).append('\n');
        signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);

        String date = AMZ_DATE.format(time);
        String scope = date.substring(0, 8) + "/" + region + "/s3/aws4_request";
        String toSign = ALGORITHM + "\n" + date + "\n" + scope + "\n" + hex(sha256(canonical.toString()));
        byte[] key = hmac(secret, date.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        return ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    static String canonicalQuery(Map<String, String> query) {
        SortedMap<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> sorted.put(uriEncode(name, true), uriEncode(value, true)));
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(name).append('=').append(value);
        });
        return out.toString();
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, '/' kept in paths only. */
    static String uriEncode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SigV4Signer[" + region + "]";
    }
}
