package org.glancej.store.swift;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.glancej.keystone.Keystone;
import org.glancej.keystone.KeystoneCredentials;
import org.glancej.keystone.KeystoneHttpOptions;
import org.glancej.keystone.KeystoneSession;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreAvailability;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-tenant Swift store from glance_store's {@code swift_store_*} options; auth version 1 through
 * {@link TempAuth}, 3 through the service's Keystone client ({@link KeystoneSwiftAuth}). Its credentials are tried once at
 * startup: refused or unreachable, the store is built all the same and reported unavailable (the rest of the
 * service works), and each request tries again.
 */
public final class SwiftStoreFactory implements StoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftStoreFactory.class);

    @Override
    public ImageStore create(StoreSection options) {
        SwiftStoreConfig config = SwiftStoreConfig.from(options);
        HttpClient http = SwiftHttp.client(options, config.caBundle(), config.insecure(), config.connectTimeout());
        if (config.insecure()) {
            LOG.warn("[{}] swift_store_auth_insecure = True: store '{}' checks no certificate of Swift or its "
                    + "authentication service", options.sectionOf("swift_store_auth_insecure"), options.storeId());
        }
        KeystoneHttpOptions keystoneHttp = KeystoneHttpOptions.DEFAULTS
                .withCafile(KeystoneHttpOptions.cafile(config.caBundle(),
                        "[" + options.sectionOf("swift_store_cacert") + "] swift_store_cacert"))
                .withInsecure(config.insecure());
        config.segmentBuffer().ifPresent(buffer -> buffer.sweepLeftovers(Instant.now()));
        if (options.bool("swift_store_multi_tenant", false)) {
            return createMultiTenant(config, MultiTenantOptions.from(options), http, keystoneHttp);
        }
        return create(options.storeId(), config, http, keystoneHttp);
    }

    /** A multi-tenant store; the store's own user, when configured, is the trustee of callers' trusts. */
    static MultiTenantSwiftStore createMultiTenant(SwiftStoreConfig config, MultiTenantOptions options,
            HttpClient http, KeystoneHttpOptions keystoneHttp) {
        SwiftReference ref = config.defaultAccount();
        MultiTenantSwiftStore.Trustee trustee = null;
        if (ref != null) {
            Keystone keystone = Keystone.at(v3Root(ref), keystoneHttp);
            KeystoneCredentials credentials = credentials(keystone, ref);
            trustee = new MultiTenantSwiftStore.Trustee(keystone.session(credentials, "the swift store's user "
                    + credentials.username(), Clock.systemUTC()), credentials);
        }
        return new MultiTenantSwiftStore(config, options, http, trustee, Clock.systemUTC());
    }

    static SwiftStore create(String storeId, SwiftStoreConfig config, HttpClient http) {
        return create(storeId, config, http, KeystoneHttpOptions.DEFAULTS);
    }

    static SwiftStore create(String storeId, SwiftStoreConfig config, HttpClient http, KeystoneHttpOptions keystoneHttp) {
        Function<SwiftReference, SwiftAccount> accounts = accounts(config, http, keystoneHttp);
        StoreAvailability availability = new StoreAvailability();
        try {
            accounts.apply(config.defaultAccount()).checkCredentials();
        } catch (SwiftAuth.CredentialsRejected | StoreException e) {
            availability.failed(e.getMessage());
            LOG.warn("store '{}' (swift) cannot be used for now: {}; it tries again on each request", storeId,
                    e.getMessage());
        }
        return new SwiftStore(config, accounts, availability);
    }

    /** One account, with its token, per set of credentials; one Keystone client per authentication address. */
    static Function<SwiftReference, SwiftAccount> accounts(SwiftStoreConfig config, HttpClient http,
            KeystoneHttpOptions keystoneHttp) {
        Map<SwiftReference, SwiftAccount> cache = new ConcurrentHashMap<>();
        Map<URI, Keystone> keystones = new ConcurrentHashMap<>();
        return ref -> cache.computeIfAbsent(ref, r -> new SwiftAccount(http, r.authVersion().equals("1")
                ? new TempAuth(http, r, config.endpoint(), config.readTimeout(), Clock.systemUTC())
                : keystoneAuth(config, r, keystones.computeIfAbsent(v3Root(r), root -> Keystone.at(root, keystoneHttp))),
                config.readTimeout()));
    }

    private static URI v3Root(SwiftReference ref) {
        try {
            return Keystone.v3Root(ref.authUrl());
        } catch (IllegalArgumentException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Invalid Keystone address " + ref.authAddress()
                    + " for the Swift store");
        }
    }

    private static SwiftAuth keystoneAuth(SwiftStoreConfig config, SwiftReference ref, Keystone keystone) {
        KeystoneCredentials credentials = credentials(keystone, ref);
        KeystoneSession session = keystone.session(credentials, "the swift store's user " + credentials.username(),
                Clock.systemUTC());
        return new KeystoneSwiftAuth(session, config.catalog(), config.endpoint());
    }

    /** As upstream: the user is {@code project:user}, both in the domain {@code default}. */
    private static KeystoneCredentials credentials(Keystone keystone, SwiftReference ref) {
        String[] parts = ref.user().split(":");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new StoreException(Reason.BAD_LOCATION, "Badly formed project:user for Swift auth version 3");
        }
        return new KeystoneCredentials(keystone.v3Root(), null, parts[1], "default", null, ref.key(), null, null,
                parts[0], "default", null, null, null, null);
    }
}
