package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import org.glancej.keystone.KeystoneSession;
import org.glancej.keystone.KeystoneToken;
import org.glancej.keystone.KeystoneUnavailableException;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Swift's authentication through Keystone ({@code auth_version = 3}): a token of the reference's user, scoped to
 * its project ({@code project:user}, both in the domain {@code default} as upstream assumes), and the account's
 * storage URL from the token's catalog ({@code swift_store_service_type}, {@code swift_store_endpoint_type},
 * {@code swift_store_region}) unless {@code swift_store_endpoint} names it.
 */
final class KeystoneSwiftAuth implements SwiftAuth {
    private final KeystoneSession session;
    private final SwiftStoreConfig.Catalog catalog;
    private final String endpoint;
    private KeystoneToken current;

    KeystoneSwiftAuth(KeystoneSession session, SwiftStoreConfig.Catalog catalog, String endpoint) {
        this.session = requireNonNull(session, "session is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
    }

    @Override
    public synchronized Session session(boolean renew) {
        try {
            current = renew && current != null ? session.renew(current) : session.token();
            String storageUrl = !endpoint.isEmpty() ? endpoint
                    : current.catalog().url(catalog.serviceType(), catalog.endpointType(), catalog.region())
                            .orElseThrow(() -> new StoreException(Reason.UNAVAILABLE, "Keystone at " + server()
                                    + " lists no " + catalog.serviceType() + " endpoint of interface "
                                    + catalog.endpointType() + (catalog.region() == null ? ""
                                            : " in region " + catalog.region())));
            return new Session(storageUrl.replaceAll("/+$", ""), current.id(), current.expiresAt());
        } catch (KeystoneUnavailableException e) {
            if (e.reason() == KeystoneUnavailableException.Reason.REFUSED && e.status() != 0 && e.status() < 500) {
                throw new CredentialsRejected("Keystone at " + server() + " refused the Swift store's credentials ("
                        + e.status() + ")");
            }
            throw new StoreException(Reason.UNAVAILABLE, "Keystone at " + server() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String server() {
        return session.keystone().v3Root().toString();
    }
}
