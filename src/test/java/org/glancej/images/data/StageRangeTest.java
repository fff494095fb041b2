package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageRangeTest {

    @Test
    void readsFirstLastAndTotal() {
        StageRange range = StageRange.parse(" bytes 100-199/1000 ");
        assertThat(range).isEqualTo(new StageRange(100, 199, 1000));
        assertThat(range.length()).isEqualTo(100);
        assertThat(StageRange.parse("Bytes 0-9/10")).isEqualTo(new StageRange(0, 9, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes 5-2/10", "bytes 0-10/10", "bytes */10", "bytes 0-9/*", "items 0-1/2",
            "bytes 0-x/2", "bytes -1-2/3", "bytes 0-1", "bytes 1-2/3/4", "bytes 0-1/99999999999999999999", ""})
    void refusesAnythingElseWith400(String header) {
        assertThatThrownBy(() -> StageRange.parse(header)).isInstanceOfSatisfying(GlanceException.class,
                e -> assertThat(e.kind().status()).isEqualTo(400));
    }
}
