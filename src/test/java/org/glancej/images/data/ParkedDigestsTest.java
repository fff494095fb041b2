package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.glancej.images.data.digest.StreamDigest;
import org.junit.jupiter.api.Test;

class ParkedDigestsTest {
    /** Records whether it was released. */
    private static final class Tracked implements StreamDigest {
        boolean closed;

        @Override
        public void update(byte[] buffer, int offset, int length) {}

        @Override
        public byte[] digest() {
            return new byte[0];
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static HashingInputStream.Parked parked(long count, Tracked md5) {
        return new HashingInputStream.Parked(md5, new Tracked(), count);
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void digestsAreHandedBackOnlyForExactlyTheBytesTheyTookIn() {
        ParkedDigests digests = new ParkedDigests(new MovableClock());
        Tracked md5 = new Tracked();
        digests.park("a", parked(100, md5));

        assertThat(digests.take("a", 99)).isEmpty();
        assertThat(md5.closed).isTrue();
        assertThat(digests.take("a", 100)).isEmpty();

        Tracked again = new Tracked();
        digests.park("a", parked(100, again));
        assertThat(digests.take("a", 100)).get().extracting(HashingInputStream.Parked::md5).isSameAs(again);
        assertThat(again.closed).isFalse();
        assertThat(digests.take("a", 100)).isEmpty();
    }

    @Test
    void onlyTheMostRecentAreKeptAndNoneForLongerThanTheirTime() {
        MovableClock clock = new MovableClock();
        ParkedDigests digests = new ParkedDigests(clock);
        Tracked first = new Tracked();
        digests.park("first", parked(1, first));
        for (int i = 0; i < ParkedDigests.MAX; i++) {
            digests.park("image-" + i, parked(1, new Tracked()));
        }
        assertThat(first.closed).isTrue();
        assertThat(digests.take("first", 1)).isEmpty();

        Tracked old = new Tracked();
        digests.park("old", parked(5, old));
        clock.now = clock.now.plus(ParkedDigests.TTL).plus(Duration.ofSeconds(1));
        assertThat(digests.take("old", 5)).isEmpty();
        assertThat(old.closed).isTrue();
    }
}
