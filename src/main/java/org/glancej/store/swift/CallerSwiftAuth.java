package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.glancej.keystone.KeystoneSession;
import org.glancej.keystone.KeystoneToken;
import org.glancej.keystone.KeystoneUnavailableException;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * A multi-tenant store's tokens for one operation in the caller's account: the caller's own token, or, through a
 * trust ({@link CallerTrust}), tokens of the store's user acting as the caller, each replaced once it is within
 * {@code swift_store_expire_soon_interval} of expiring, so that a long upload outlives the caller's token.
 */
final class CallerSwiftAuth implements SwiftAuth {
    private final String storageUrl;
    private final String callerToken;
    private final KeystoneSession trust;
    private final Duration expireSoon;
    private KeystoneToken current;

    private CallerSwiftAuth(String storageUrl, String callerToken, KeystoneSession trust, Duration expireSoon) {
        this.storageUrl = requireNonNull(storageUrl, "storageUrl is null");
        this.callerToken = callerToken;
        this.trust = trust;
        this.expireSoon = expireSoon;
    }

    /** The caller's token as it is: it cannot be renewed. */
    static CallerSwiftAuth withToken(String storageUrl, String token) {
        return new CallerSwiftAuth(storageUrl, requireNonNull(token, "token is null"), null, Duration.ZERO);
    }

    /** Tokens of a trust's session, renewed when they expire within {@code expireSoon}. */
    static CallerSwiftAuth throughTrust(String storageUrl, KeystoneSession trust, Duration expireSoon) {
        return new CallerSwiftAuth(storageUrl, null, requireNonNull(trust, "trust is null"),
                requireNonNull(expireSoon, "expireSoon is null"));
    }

    @Override
    public synchronized Session session(boolean renew) {
        if (trust == null) {
            return new Session(storageUrl, callerToken, Instant.MAX);
        }
        try {
            current = renew && current != null ? trust.renew(current) : trust.token(expireSoon);
            return new Session(storageUrl, current.id(), current.expiresAt());
        } catch (KeystoneUnavailableException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Keystone at " + trust.keystone().v3Root()
                    + " gave no token for the caller's trust: " + e.getMessage(), e);
        }
    }

    @Override
    public String server() {
        return storageUrl;
    }
}
