package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.glancej.keystone.KeystoneUnavailableException.Reason;

/**
 * One identity of this service in Keystone (the token validator, the limits reader, a store's user) and its
 * current token: fetched on first use, fetched again when it is about to expire (keystoneauth's two minutes, or
 * longer when a caller asks) and once when Keystone answers 401 to it. Concurrent callers share one fetch.
 * Thread-safe.
 */
public final class KeystoneSession {
    /** keystoneauth re-authenticates when a token has less than this left. */
    public static final Duration EXPIRY_MARGIN = Duration.ofMinutes(2);

    private final Keystone keystone;
    private final KeystoneCredentials credentials;
    private final String origin;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile KeystoneToken token;

    KeystoneSession(Keystone keystone, KeystoneCredentials credentials, String origin, Clock clock) {
        this.keystone = requireNonNull(keystone, "keystone is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.origin = requireNonNull(origin, "origin is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Keystone keystone() {
        return keystone;
    }

    /** A token valid for at least {@link #EXPIRY_MARGIN}. */
    public KeystoneToken token() {
        return token(EXPIRY_MARGIN);
    }

    /** A token valid for at least {@code validFor} (e.g. a store's {@code expire_soon_interval}). */
    public KeystoneToken token(Duration validFor) {
        KeystoneToken current = token;
        if (current != null && !current.expiresWithin(validFor, clock.instant())) {
            return current;
        }
        return replace(current, validFor);
    }

    /**
     * After Keystone or a service refused {@code stale} (401): a new token, unless another caller already
     * replaced it.
     */
    public KeystoneToken renew(KeystoneToken stale) {
        return replace(stale, EXPIRY_MARGIN);
    }

    private KeystoneToken replace(KeystoneToken stale, Duration validFor) {
        lock.lock();
        try {
            KeystoneToken current = token;
            if (current == null || current == stale || current.expiresWithin(validFor, clock.instant())) {
                current = keystone.authenticate(credentials, origin);
                token = current;
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** The URL of a service in this identity's catalog (see {@link ServiceCatalog#url}). */
    public Optional<String> endpoint(String serviceType, String iface, String region) {
        return token().catalog().url(serviceType, iface, region);
    }

    /**
     * A v3 call made with this identity's token; a 401 gets one new token and one more try, a second 401 is
     * {@code REFUSED}. Other answers are returned whatever their status.
     */
    public KeystoneResponse send(String method, String path, Map<String, String> headers, String jsonBody) {
        KeystoneToken used = token();
        KeystoneResponse response = keystone.send(method, path, used.id(), headers, jsonBody);
        if (response.status() == 401) {
            response = keystone.send(method, path, renew(used).id(), headers, jsonBody);
            if (response.status() == 401) {
                throw response.refused("the token of " + origin + " (" + credentials + ")");
            }
        }
        return response;
    }

    /** {@code GET path} as JSON; empty on 404, {@code REFUSED} on any other answer than 200. */
    public Optional<JsonNode> getJson(String path) {
        KeystoneResponse response = send("GET", path, Map.of(), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (response.status() != 200) {
            throw response.refused(response.request());
        }
        return Optional.of(response.json());
    }

    /**
     * A caller's token as Keystone describes it (without catalog), checked with this identity's token as
     * keystonemiddleware does; empty when Keystone says it is not valid (404, or 400 for a malformed one).
     */
    public Optional<KeystoneToken> validate(String subjectToken) {
        return validate(subjectToken, false);
    }

    /** {@link #validate(String)}, with the token's service catalog when {@code withCatalog}. */
    public Optional<KeystoneToken> validate(String subjectToken, boolean withCatalog) {
        KeystoneResponse response = send("GET", withCatalog ? "auth/tokens" : "auth/tokens?nocatalog",
                Map.of("X-Subject-Token", subjectToken), null);
        return switch (response.status()) {
            case 200 -> Optional.of(KeystoneToken.fromJson(subjectToken, response.json()));
            case 404, 400 -> Optional.empty();
            default -> throw new KeystoneUnavailableException(Reason.REFUSED, response.status(),
                    "Keystone answered token validation with HTTP " + response.status());
        };
    }

    @Override
    public String toString() {
        return "KeystoneSession[" + origin + ", " + credentials + "]";
    }
}
