package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timestamp text as the drivers give it, read digit by digit; anything else left to the driver. */
class RowTimestampsTest {
    @Test
    void readsTheTextOfEveryDriver() {
        assertThat(RowTimestamps.parse("2020-01-01 00:15:00")).isEqualTo(Instant.parse("2020-01-01T00:15:00Z"));
        assertThat(RowTimestamps.parse("2026-12-31 23:59:59.123456"))
                .isEqualTo(Instant.parse("2026-12-31T23:59:59.123456Z"));
        assertThat(RowTimestamps.parse("2026-12-31T23:59:59.5")).isEqualTo(Instant.parse("2026-12-31T23:59:59.5Z"));
        assertThat(RowTimestamps.parse("0999-02-03 04:05:06.000000001"))
                .isEqualTo(Instant.parse("0999-02-03T04:05:06.000000001Z"));
    }

    @Test
    void leavesAnyOtherTextToTheDriver() {
        assertThat(RowTimestamps.parse("0000-00-00 00:00:00")).isNull();
        assertThat(RowTimestamps.parse("2020-01-01 00:00:00 BC")).isNull();
        assertThat(RowTimestamps.parse("2020-01-01 00:00:00.")).isNull();
        assertThat(RowTimestamps.parse("2020-01-01 00:00:00.1234567890")).isNull();
        assertThat(RowTimestamps.parse("2020-01-01 00:00:0x")).isNull();
        assertThat(RowTimestamps.parse("2020-13-01 00:00:00")).isNull();
        assertThat(RowTimestamps.parse("infinity")).isNull();
        assertThat(RowTimestamps.parse("20200101 00:00:00")).isNull();
    }
}
