package org.glancej.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.glancej.keystone.KeystoneToken;

/**
 * Validation results reused for {@code token_cache_time} (never past the token's own expiry), so a busy
 * caller costs Keystone one validation per interval, as keystonemiddleware's cache does. Bounded: the least
 * recently used entries go first. A revoked token stays accepted until its entry ages out, as upstream.
 */
final class TokenCache {
    /** A validation outcome: the token, or empty for a token Keystone refused. */
    record Entry(Optional<KeystoneToken> token, Instant until) {}

    private final Duration ttl;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> entries;

    TokenCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, TokenCache.Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    Optional<Entry> get(String token) {
        if (ttl.isNegative() || ttl.isZero()) {
            return Optional.empty();
        }
        lock.lock();
        try {
            Entry entry = entries.get(token);
            if (entry != null && !clock.instant().isBefore(entry.until())) {
                entries.remove(token);
                return Optional.empty();
            }
            return Optional.ofNullable(entry);
        } finally {
            lock.unlock();
        }
    }

    void put(String token, Optional<KeystoneToken> result) {
        if (ttl.isNegative() || ttl.isZero()) {
            return;
        }
        Instant until = clock.instant().plus(ttl);
        if (result.isPresent() && result.get().expiresAt().isBefore(until)) {
            until = result.get().expiresAt();
        }
        lock.lock();
        try {
            entries.put(token, new Entry(result, until));
        } finally {
            lock.unlock();
        }
    }
}
