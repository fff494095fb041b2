package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of AWS's "Signature Calculations for the Authorization Header" (S3 API reference). */
class SigV4SignerTest {
    private static final SigV4Signer SIGNER =
            new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
    private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String HOST = "examplebucket.s3.amazonaws.com";

    @Test
    void getObjectWithRange() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", HOST);
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");

        String authorization = SIGNER.authorization("GET", "/test.txt", Map.of(), headers, EMPTY_SHA256, TIME);

        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectWithAnEncodedKey() {
        String payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        Map<String, String> headers = Map.of(
                "Host", HOST,
                "Date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-content-sha256", payloadHash,
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY");

        String authorization = SIGNER.authorization("PUT", "/" + SigV4Signer.uriEncode("test$file.text", true),
                Map.of(), headers, payloadHash, TIME);

        assertThat(authorization).endsWith("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void getBucketLifecycleWithAFlagParameter() {
        String authorization = SIGNER.authorization("GET", "/", Map.of("lifecycle", ""), bucketHeaders(),
                EMPTY_SHA256, TIME);

        assertThat(authorization).endsWith("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    }

    @Test
    void listObjectsWithSortedParameters() {
        String authorization = SIGNER.authorization("GET", "/", Map.of("prefix", "J", "max-keys", "2"), bucketHeaders(),
                EMPTY_SHA256, TIME);

        assertThat(authorization).endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void encodingKeepsUnreservedCharactersAndSlashesOnlyInPaths() {
        assertThat(SigV4Signer.uriEncode("a-b_c.d~e/f g+h", false)).isEqualTo("a-b_c.d~e/f%20g%2Bh");
        assertThat(SigV4Signer.uriEncode("a/b", true)).isEqualTo("a%2Fb");
        assertThat(SigV4Signer.uriEncode("é", true)).isEqualTo("%C3%A9");
    }

    @Test
    void theSecretNeverShowsInTheSignersText() {
        assertThat(SIGNER.toString()).doesNotContain("wJalrXUtnFEMI");
    }

    private static Map<String, String> bucketHeaders() {
        return Map.of("Host", HOST, "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", "20130524T000000Z");
    }
}
