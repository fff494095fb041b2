package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.glancej.store.LocationUrls;
import org.junit.jupiter.api.Test;

/** Locations as glance_store's StoreLocation writes and parses them (its unit tests' examples). */
class S3LocationTest {

    @Test
    void writesUpstreamsFormWithTheKeysUnquoted() {
        S3Location location = new S3Location("s3", "user", "key", "localhost", "glance", "id");
        assertThat(location.url()).isEqualTo("s3://user:key@localhost/glance/id");
        assertThat(new S3Location("s3+https", "a", "b/c+d", "s3.example.com:8443", "bucket", "id").url())
                .isEqualTo("s3+https://a:b/c+d@s3.example.com:8443/bucket/id");
    }

    @Test
    void parsesWhatItWritesEvenWithSlashesAndAtSignsInTheSecret() {
        S3Location written = new S3Location("s3", "AKIA", "se/cr@et/", "127.0.0.1:7480", "images", "0d5b-11");
        assertThat(S3Location.parse(written.url())).contains(written);
    }

    @Test
    void parsesUpstreamsExamples() {
        assertThat(S3Location.parse("s3://accesskey:secretkey@s3.amazonaws.com/bucket/key-id")).contains(
                new S3Location("s3", "accesskey", "secretkey", "s3.amazonaws.com", "bucket", "key-id"));
        assertThat(S3Location.parse("s3+https://accesskey:pass/withslash@s3.amazonaws.com/bucket/key-id")).contains(
                new S3Location("s3+https", "accesskey", "pass/withslash", "s3.amazonaws.com", "bucket", "key-id"));
        assertThat(S3Location.parse("s3://accesskey:secretkey@s3.example.com/v1/bucket/key-id").orElseThrow().host())
                .isEqualTo("s3.example.com/v1");
    }

    @Test
    void refusesWhatUpstreamRefuses() {
        assertThat(S3Location.parse("s3://accesskey:secretkey@https://s3.amazonaws.com/bucket/key-id")).isEmpty();
        assertThat(S3Location.parse("s3://s3.amazonaws.com/key-id")).isEmpty();
        assertThat(S3Location.parse("s3://nocolon@s3.amazonaws.com/bucket/key-id")).isEmpty();
        assertThat(S3Location.parse("swift://user:key@host/container/id")).isEmpty();
        assertThat(S3Location.parse("file:///etc/passwd")).isEmpty();
        assertThat(S3Location.parse(null)).isEmpty();
    }

    @Test
    void neitherItsTextNorTheRedactedUrlShowsTheCredentials() {
        S3Location location = new S3Location("s3", "AKIA", "s3cr/et", "host:80", "bucket", "id");
        assertThat(location.toString()).isEqualTo("s3://host:80/bucket/id");
        assertThat(LocationUrls.redacted(location.url())).isEqualTo("s3://host:80/bucket/id");
    }
}
