package org.glancej.images.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The digests of resumable stages that stopped in this process, kept so that the next part, if it comes here,
 * continues them instead of hashing the held bytes again from the staging store. Each keeps its two hash
 * threads' buffers (about 1 MiB), so only the most recent {@link #MAX} are kept, each for {@link #TTL}; a part
 * that comes to another process, after a restart, or later, re-hashes the held bytes instead.
 */
final class ParkedDigests {
    static final int MAX = 32;
    static final Duration TTL = Duration.ofHours(1);

    private record Entry(HashingInputStream.Parked digests, Instant parkedAt) {}

    private final Map<String, Entry> byImage = new LinkedHashMap<>();
    private final Clock clock;

    ParkedDigests(Clock clock) {
        this.clock = clock;
    }

    /** Keeps digests over the first {@code digests.count()} bytes of an image's staged data. */
    synchronized void park(String imageId, HashingInputStream.Parked digests) {
        expire();
        Entry previous = byImage.remove(imageId);
        if (previous != null) {
            previous.digests().close();
        }
        byImage.put(imageId, new Entry(digests, clock.instant()));
        while (byImage.size() > MAX) {
            String eldest = byImage.keySet().iterator().next();
            byImage.remove(eldest).digests().close();
        }
    }

    /** The digests parked for exactly the first {@code held} bytes, if any; any others for the image are dropped. */
    synchronized Optional<HashingInputStream.Parked> take(String imageId, long held) {
        expire();
        Entry entry = byImage.remove(imageId);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.digests().count() != held) {
            entry.digests().close();
            return Optional.empty();
        }
        return Optional.of(entry.digests());
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(TTL);
        byImage.values().removeIf(entry -> {
            boolean old = entry.parkedAt().isBefore(cutoff);
            if (old) {
                entry.digests().close();
            }
            return old;
        });
    }
}
