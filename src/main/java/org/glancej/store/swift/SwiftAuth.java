package org.glancej.store.swift;

import java.time.Instant;

/**
 * How a store gets a token for its account and the storage URL to use it at: {@link TempAuth} for
 * {@code auth_version = 1}, {@link KeystoneSwiftAuth} for {@code 3}.
 */
interface SwiftAuth {

    /**
     * A token valid for a while; {@code renew} asks for a new one (the last was refused). Throws
     * {@link CredentialsRejected} when the credentials are refused, a {@code StoreException} when the
     * authentication service cannot be reached.
     */
    Session session(boolean renew);

    /** Where the credentials are checked, for messages; never a secret. */
    String server();

    /** A token and the account's storage URL ({@code http://host/v1/AUTH_account}). */
    record Session(String storageUrl, String token, Instant expires) {
        @Override
        public String toString() {
            return "Session[" + storageUrl + ", expires " + expires + "]"; // never the token
        }
    }

    /** The authentication service refused the credentials (401/403): retrying will not help. */
    final class CredentialsRejected extends RuntimeException {
        CredentialsRejected(String message) {
            super(message);
        }
    }
}
