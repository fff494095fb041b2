package org.glancej.store.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RbdLocationTest {

    @Test
    void fullFormIsWrittenAsUpstreamQuotesIt() {
        RbdLocation location = RbdLocation.of("af7a6377-b359", "my pool/x", "1f2e-3d", "snap");
        assertThat(location.url()).isEqualTo("rbd://af7a6377-b359/my%20pool%2Fx/1f2e-3d/snap");
        assertThat(RbdLocation.parse(location.url())).isEqualTo(location);
    }

    @Test
    void legacyFormNamesAnImageWithoutSnapshot() {
        RbdLocation location = RbdLocation.parse("rbd://some-image");
        assertThat(location.image()).isEqualTo("some-image");
        assertThat(location.pool()).isEmpty();
        assertThat(location.snapshot()).isEqualTo(Optional.empty());
        assertThat(location.url()).isEqualTo("rbd://some-image");
    }

    @Test
    void percentEscapesAreDecodedAndMalformedOnesKept() {
        assertThat(RbdLocation.unquote("a%2Fb%zz%4")).isEqualTo("a/b%zz%4");
        assertThat(RbdLocation.quote("é_.-~")).isEqualTo("%C3%A9_.-~");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rbd://", "rbd://a/b", "rbd://a/b/c", "rbd://a//c/d", "rbd://a/b/c/d/e", "file:///x",
            "RBD://a"})
    void malformedLocationsAreRefused(String url) {
        assertThatThrownBy(() -> RbdLocation.parse(url)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_LOCATION));
    }
}
