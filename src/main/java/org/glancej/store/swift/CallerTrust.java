package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.glancej.keystone.Keystone;
import org.glancej.keystone.KeystoneCredentials;
import org.glancej.keystone.KeystoneSession;
import org.glancej.keystone.KeystoneUnavailableException;
import org.glancej.store.StoreCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trust from the caller (trustor) to the multi-tenant store's own user (trustee) on the caller's project, with
 * the caller's roles and impersonating the caller, as glance_store creates one for each large upload: the
 * trustee's trust-scoped tokens act as the caller in the caller's account after the caller's token has expired.
 * Closing revokes the trust.
 */
final class CallerTrust implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallerTrust.class);

    private final Keystone keystone;
    private final String trustId;
    private final KeystoneSession session;
    private final String callerToken;

    private CallerTrust(Keystone keystone, String trustId, KeystoneSession session, String callerToken) {
        this.keystone = keystone;
        this.trustId = trustId;
        this.session = session;
        this.callerToken = callerToken;
    }

    /**
     * Creates the trust with the caller's token.
     *
     * @param trustee the store's own user, whose session tells its user id
     * @throws KeystoneUnavailableException when Keystone refuses or cannot be reached
     */
    static CallerTrust create(KeystoneSession trustee, KeystoneCredentials trusteeCredentials, StoreCaller caller,
            Clock clock) {
        requireNonNull(caller, "caller is null");
        Keystone keystone = trustee.keystone();
        String trusteeUserId = trustee.token().userId();
        String trustId = keystone.createTrust(caller.authToken(), caller.userId(), trusteeUserId, caller.projectId(),
                caller.roles());
        KeystoneSession session = keystone.session(trusteeCredentials.withTrust(trustId),
                "the swift store's trust for user " + caller.userId(), clock);
        return new CallerTrust(keystone, trustId, session, caller.authToken());
    }

    KeystoneSession session() {
        return session;
    }

    /**
     * Revokes the trust with its own token, as upstream does (it impersonates the trustor, who may delete it), else
     * with the caller's token while that is still valid.
     */
    @Override
    public void close() {
        try {
            keystone.deleteTrust(session.token().id(), trustId);
        } catch (KeystoneUnavailableException e) {
            try {
                keystone.deleteTrust(callerToken, trustId);
            } catch (KeystoneUnavailableException again) {
                LOG.warn("could not revoke trust {} of the swift store: {}", trustId, e.getMessage());
            }
        }
    }
}
