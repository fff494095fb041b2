package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.glancej.keystone.KeystoneCredentials;
import org.glancej.keystone.KeystoneSession;
import org.glancej.keystone.KeystoneUnavailableException;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multi-tenant Swift store ({@code swift_store_multi_tenant = True}), as glance_store's MultiTenantStore: each
 * image's data goes to the caller's own project account, found in the caller token's service catalog (or at
 * {@code swift_store_endpoint} when set), in a container of its own ({@code <swift_store_container>_<image id>},
 * created on put when {@code swift_store_create_container_on_put} allows) and with the caller's token; its
 * location is the storage URL without credentials. Reads, sizes and deletes use the token of whoever asks; a
 * delete removes the container too. Large uploads act through a trust ({@link CallerTrust}) when
 * {@code swift_store_use_trusts} is on and the store's own user is configured, so they outlive the caller's
 * token. Without a caller's token (the service's own sweeps) nothing can be done, as upstream.
 */
public final class MultiTenantSwiftStore implements ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(MultiTenantSwiftStore.class);

    private final SwiftStoreConfig config;
    private final MultiTenantOptions options;
    private final HttpClient http;
    private final Trustee trustee;
    private final Clock clock;

    /** The store's own user, trustee of the callers' trusts; null when not configured. */
    record Trustee(KeystoneSession session, KeystoneCredentials credentials) {}

    MultiTenantSwiftStore(SwiftStoreConfig config, MultiTenantOptions options, HttpClient http, Trustee trustee,
            Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.options = requireNonNull(options, "options is null");
        this.http = requireNonNull(http, "http is null");
        this.trustee = trustee;
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String type() {
        return "swift";
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(true, true, true, true);
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("container", config.container());
        properties.put("large_object_size", config.largeObjectSize());
        properties.put("large_object_chunk_size", config.chunkSize());
        return properties;
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        return add(imageId, data, expectedSize, StoreCaller.NONE);
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize, StoreCaller caller) {
        requireToken(caller);
        if (imageId.isEmpty() || imageId.contains("/")) {
            throw new StoreException(Reason.BAD_LOCATION, "Invalid image id for the Swift store");
        }
        SwiftLocation location = SwiftLocation.atStorageUrl(storageUrl(caller), config.container() + "_" + imageId,
                imageId);
        boolean large = expectedSize.isEmpty() || expectedSize.getAsLong() >= config.largeObjectSize();
        CallerTrust trust = large && options.useTrusts() ? trust(caller) : null;
        try {
            SwiftAuth auth = trust == null ? CallerSwiftAuth.withToken(location.authUrl(), caller.authToken())
                    : CallerSwiftAuth.throughTrust(location.authUrl(), trust.session(), options.expireSoon());
            SwiftAccount account = new SwiftAccount(http, auth, config.readTimeout());
            createContainer(account, location.container());
            if (account.head(location.container(), imageId).isPresent()) {
                throw new StoreException(Reason.BAD_LOCATION, "Image data for " + imageId + " already exists in Swift");
            }
            try {
                return SwiftStore.write(config, account, location, data, expectedSize);
            } catch (RuntimeException | Error e) {
                removeEmptyContainer(account, location.container());
                throw e;
            }
        } finally {
            if (trust != null) {
                trust.close();
            }
        }
    }

    /** The container of one image, with upstream's write list for the admin tenants; nothing readable by others. */
    private void createContainer(SwiftAccount account, String container) {
        if (account.containerExists(container)) {
            return;
        }
        if (!config.createContainerOnPut()) {
            throw new StoreException(Reason.UNAVAILABLE, "The container " + container + " does not exist in Swift at "
                    + account.server() + "; set swift_store_create_container_on_put to create it");
        }
        account.createContainer(container);
        account.updateContainer(container, Map.of("X-Container-Read", "", "X-Container-Write", options.writeAcl()));
    }

    /** The image's own container after a failed write, once the write's clean-up left it empty. */
    private static void removeEmptyContainer(SwiftAccount account, String container) {
        try {
            account.delete(container, null, "");
        } catch (StoreException e) {
            LOG.debug("the container {} stays: {}", container, e.getMessage());
        }
    }

    /** A trust for a large upload, or none (the caller's token alone) when it cannot be had, as upstream falls back. */
    private CallerTrust trust(StoreCaller caller) {
        if (trustee == null) {
            return null;
        }
        try {
            return CallerTrust.create(trustee.session(), trustee.credentials(), caller, clock);
        } catch (KeystoneUnavailableException e) {
            LOG.info("no trust for user {}'s upload, it uses the user's token: {}", caller.userId(), e.getMessage());
            return null;
        }
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        return get(locationUrl, offset, length, StoreCaller.NONE);
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length, StoreCaller caller) {
        SwiftLocation location = parse(locationUrl);
        SwiftAccount account = account(location, caller);
        if (length == 0) {
            size(locationUrl, caller); // still NOT_FOUND for missing data
            return InputStream.nullInputStream();
        }
        return new SwiftObjectStream(account, location.container(), location.object(), offset, length,
                config.retryGetCount());
    }

    @Override
    public long size(String locationUrl) {
        return size(locationUrl, StoreCaller.NONE);
    }

    @Override
    public long size(String locationUrl, StoreCaller caller) {
        SwiftLocation location = parse(locationUrl);
        return account(location, caller).head(location.container(), location.object())
                .orElseThrow(() -> new StoreException(Reason.NOT_FOUND, "Image data not found in Swift")).size();
    }

    @Override
    public void delete(String locationUrl) {
        delete(locationUrl, StoreCaller.NONE);
    }

    /** The object, its segments, then the image's container, as upstream's multi-tenant delete does. */
    @Override
    public void delete(String locationUrl, StoreCaller caller) {
        SwiftLocation location = parse(locationUrl);
        SwiftAccount account = account(location, caller);
        SwiftStore.deleteData(account, location.container(), location.object());
        account.delete(location.container(), null, "");
    }

    /**
     * Upstream's {@code set_acls}: everyone may read a public (or community) image's container, else its member
     * projects; the admin tenants may always read and write.
     */
    @Override
    public void setAcls(String locationUrl, boolean isPublic, List<String> readProjects, StoreCaller caller) {
        SwiftLocation location = parse(locationUrl);
        String read = isPublic ? "*:*" : String.join(",", readProjects.stream().map(p -> p + ":*").toList());
        account(location, caller).updateContainer(location.container(),
                Map.of("X-Container-Read", read, "X-Container-Write", options.writeAcl()));
    }

    /** Locations of the multi-tenant form: a storage URL without credentials or reference. */
    @Override
    public boolean owns(String locationUrl) {
        return SwiftLocation.parse(locationUrl).filter(SwiftLocation::atStorageUrl).isPresent();
    }

    private SwiftAccount account(SwiftLocation location, StoreCaller caller) {
        requireToken(caller);
        return new SwiftAccount(http, CallerSwiftAuth.withToken(location.authUrl(), caller.authToken()),
                config.readTimeout());
    }

    private static SwiftLocation parse(String locationUrl) {
        return SwiftLocation.parse(locationUrl).filter(SwiftLocation::atStorageUrl)
                .orElseThrow(() -> new StoreException(Reason.BAD_LOCATION, "Not a multi-tenant Swift location"));
    }

    /** {@code swift_store_endpoint} when set (for every project, as upstream), else the caller's catalog entry. */
    private String storageUrl(StoreCaller caller) {
        if (!config.endpoint().isEmpty()) {
            return config.endpoint();
        }
        SwiftStoreConfig.Catalog catalog = config.catalog();
        return caller.catalog().url(catalog.serviceType(), catalog.endpointType(), catalog.region())
                .map(url -> url.replaceAll("/+$", ""))
                .orElseThrow(() -> new StoreException(Reason.UNAVAILABLE, "The caller's service catalog lists no "
                        + catalog.serviceType() + " endpoint of interface " + catalog.endpointType()
                        + (catalog.region() == null ? "" : " in region " + catalog.region())
                        + "; multi-tenant Swift storage needs one"));
    }

    private static void requireToken(StoreCaller caller) {
        if (!caller.hasToken()) {
            throw new StoreException(Reason.UNAVAILABLE,
                    "Multi-tenant Swift storage acts only with the token of a user's request");
        }
    }

    @Override
    public String toString() {
        return "MultiTenantSwiftStore[" + config.container() + "_<image id>]";
    }
}
