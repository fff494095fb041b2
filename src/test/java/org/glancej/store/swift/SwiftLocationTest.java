package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;

import org.glancej.store.LocationUrls;
import org.junit.jupiter.api.Test;

class SwiftLocationTest {
    private static final SwiftReference TEMPAUTH =
            new SwiftReference("ref1", "http://127.0.0.1:8080/auth/v1.0/", "acct:user", "s3cr@t/key", "1");

    @Test
    void credentialsAreWrittenAsUpstreamQuotesThem() {
        SwiftLocation location = SwiftLocation.withCredentials(TEMPAUTH, "glance", "0a1b");

        // Python's quote(): ':' and '@' encoded, '/' kept
        assertThat(location.url())
                .isEqualTo("swift+http://acct%3Auser:s3cr%40t/key@127.0.0.1:8080/auth/v1.0/glance/0a1b");
        assertThat(LocationUrls.redacted(location.url())).isEqualTo("swift+http://127.0.0.1:8080/auth/v1.0/glance/0a1b");
    }

    @Test
    void anHttpsOrSchemelessAuthAddressGivesSwiftPlusHttps() {
        SwiftReference https = new SwiftReference("r", "https://keystone.example/v3", "p:u", "k", "3");
        SwiftReference bare = new SwiftReference("r", "keystone.example/v3", "p:u", "k", "3");

        assertThat(SwiftLocation.withCredentials(https, "c", "o").url()).isEqualTo("swift+https://p%3Au:k@keystone.example/v3/c/o");
        assertThat(SwiftLocation.withCredentials(bare, "c", "o").url()).isEqualTo("swift+https://p%3Au:k@keystone.example/v3/c/o");
    }

    @Test
    void parsingGivesBackWhatWasWritten() {
        String url = SwiftLocation.withCredentials(TEMPAUTH, "glance_0a1", "0a1b-2c").url();

        SwiftLocation parsed = SwiftLocation.parse(url).orElseThrow();

        assertThat(parsed.user()).isEqualTo("acct:user");
        assertThat(parsed.key()).isEqualTo("s3cr@t/key");
        assertThat(parsed.authAddress()).isEqualTo("127.0.0.1:8080/auth/v1.0");
        assertThat(parsed.authUrl()).isEqualTo("http://127.0.0.1:8080/auth/v1.0");
        assertThat(parsed.container()).isEqualTo("glance_0a1");
        assertThat(parsed.object()).isEqualTo("0a1b-2c");
        assertThat(parsed.url()).isEqualTo(url);
    }

    @Test
    void upstreamsOlderFormsParse() {
        // unquoted account:user:key, and the plain swift:// scheme meaning https
        SwiftLocation old = SwiftLocation.parse("swift://account:user:pass@authurl.com/v1/container/obj-id").orElseThrow();
        assertThat(old.user()).isEqualTo("account:user");
        assertThat(old.key()).isEqualTo("pass");
        assertThat(old.authUrl()).isEqualTo("https://authurl.com/v1");
        assertThat(old.container()).isEqualTo("container");
    }

    @Test
    void configLocationsNameTheirReference() {
        SwiftLocation location = SwiftLocation.parse("swift+config://ref2/glance/abc").orElseThrow();

        assertThat(location.reference()).isEqualTo("ref2");
        assertThat(location.container()).isEqualTo("glance");
        assertThat(location.object()).isEqualTo("abc");
        assertThat(location.url()).isEqualTo("swift+config://ref2/glance/abc");
        assertThat(LocationUrls.carriesCredentials(location.url())).isFalse();
    }

    @Test
    void malformedLocationsAreNotSwiftLocations() {
        assertThat(SwiftLocation.parse("swift://user:pass@http://authurl.com/v1/container/obj")).isEmpty();
        assertThat(SwiftLocation.parse("swift+http://u:k@host/obj")).isEmpty();
        assertThat(SwiftLocation.parse("swift+http://nocolon@host/v1/c/o")).isEmpty();
        assertThat(SwiftLocation.parse("swift+config://u:k@ref/c/o")).isEmpty();
        assertThat(SwiftLocation.parse("s3://k:s@host/bucket/obj")).isEmpty();
        assertThat(SwiftLocation.parse("file:///var/lib/glance/images/x")).isEmpty();
    }
}
