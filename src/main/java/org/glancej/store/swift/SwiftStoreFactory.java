package org.glancej.store.swift;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.glancej.config.ConfigException;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreFactory;
import org.glancej.store.StoreSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-tenant Swift store from glance_store's {@code swift_store_*} options. Its credentials are tried once at
 * startup: refused, the store is built read-only (the rest of the service works); unreachable, it is built as
 * usual and each request tries again.
 */
public final class SwiftStoreFactory implements StoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftStoreFactory.class);

    @Override
    public ImageStore create(StoreSection options) {
        SwiftStoreConfig config = SwiftStoreConfig.from(options);
        if (!config.defaultAccount().authVersion().equals("1")) {
            throw new ConfigException("the swift store '" + options.storeId() + "' uses auth version "
                    + config.defaultAccount().authVersion() + " (Keystone), which this service does not support yet; "
                    + "set swift_store_auth_version = 1 for tempauth");
        }
        HttpClient http = SwiftHttp.client(options, config.caBundle(), config.connectTimeout());
        return create(options.storeId(), config, http);
    }

    static SwiftStore create(String storeId, SwiftStoreConfig config, HttpClient http) {
        Function<SwiftReference, SwiftAccount> accounts = accounts(config, http);
        boolean writable = true;
        try {
            accounts.apply(config.defaultAccount()).checkCredentials();
        } catch (SwiftAuth.CredentialsRejected e) {
            LOG.warn("store '{}' (swift) takes no images: {}", storeId, e.getMessage());
            writable = false;
        } catch (StoreException e) {
            LOG.warn("store '{}' (swift) cannot reach Swift now ({}); it tries again on each request", storeId,
                    e.getMessage());
        }
        return new SwiftStore(config, accounts, writable);
    }

    /** One account, with its token, per set of credentials. */
    static Function<SwiftReference, SwiftAccount> accounts(SwiftStoreConfig config, HttpClient http) {
        Map<SwiftReference, SwiftAccount> cache = new ConcurrentHashMap<>();
        return ref -> cache.computeIfAbsent(ref, r -> new SwiftAccount(http, auth(config, http, r), config.readTimeout()));
    }

    private static SwiftAuth auth(SwiftStoreConfig config, HttpClient http, SwiftReference ref) {
        if (!ref.authVersion().equals("1")) {
            throw new StoreException(Reason.UNAVAILABLE, "Swift auth version " + ref.authVersion()
                    + " is not supported by this service yet");
        }
        return new TempAuth(http, ref, config.endpoint(), config.readTimeout(), Clock.systemUTC());
    }
}
