package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocationUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3://AKIA:se/cr+et@radosgw:7480/bucket/id|s3://radosgw:7480/bucket/id",
        "s3+https://AKIA:s@c@r@et@host/bucket/id|s3+https://host/bucket/id",
        "swift+https://tenant%3Auser:key@keystone/v3/glance/id|swift+https://keystone/v3/glance/id",
        "http://user:pass@example.com/path@x|http://example.com/path@x",
        "http://example.com/a@b|http://example.com/a@b",
        "rbd://fsid/images/id/snap|rbd://fsid/images/id/snap",
        "file:///var/lib/glance/images/id|file:///var/lib/glance/images/id",
    })
    void credentialsAreCutAndEverythingElseKept(String url, String shown) {
        assertThat(LocationUrls.redacted(url)).isEqualTo(shown);
        assertThat(LocationUrls.carriesCredentials(url)).isEqualTo(!url.equals(shown));
    }
}
