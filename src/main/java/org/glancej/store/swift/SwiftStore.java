package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreAvailability;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data as objects named by image id in a container of one Swift account (single-tenant), at locations of
 * glance_store's forms ({@link SwiftLocation}). Data announced below {@code swift_store_large_object_size} goes up
 * in one streamed PUT; larger or unannounced data as a Dynamic Large Object ({@link LargeObjectUpload}). Reads and
 * deletes use the account the location names, so locations other nodes wrote with other references work too.
 * A store whose account cannot be used (credentials refused, Swift unreachable), at startup or later, reports
 * why in {@link #unavailable()} and tries again on each call ({@link StoreAvailability}).
 */
public final class SwiftStore implements ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftStore.class);

    private final SwiftStoreConfig config;
    private final Function<SwiftReference, SwiftAccount> accounts;
    private final StoreAvailability availability;

    /**
     * @param accounts the account of a reference (the same instance for the same reference)
     * @param availability whether the default account could be used when last tried
     */
    SwiftStore(SwiftStoreConfig config, Function<SwiftReference, SwiftAccount> accounts,
            StoreAvailability availability) {
        this.config = requireNonNull(config, "config is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.availability = requireNonNull(availability, "availability is null");
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
    public Optional<String> unavailable() {
        return availability.problem();
    }

    /** What upstream's stores/detail shows of a swift store: sizes in bytes, as upstream computes them. */
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
        SwiftLocation location = locationFor(imageId);
        SwiftAccount account = accounts.apply(config.defaultAccount());
        availability.track(() -> {
            ensureContainer(config, account, location.container());
            if (account.head(location.container(), imageId).isPresent()) {
                throw new StoreException(Reason.BAD_LOCATION, "Image data for " + imageId + " already exists in Swift");
            }
        });
        return availability.track(() -> write(config, account, location, data, expectedSize));
    }

    /**
     * Writes an image's data to {@code location} in {@code account} (its object named by the image id), leaving
     * nothing behind when it fails; the multi-tenant store writes through here too, in the caller's account.
     */
    static StoredData write(SwiftStoreConfig config, SwiftAccount account, SwiftLocation location, InputStream data,
            OptionalLong expectedSize) {
        String imageId = location.object();
        LargeObjectUpload large = null;
        try {
            long written;
            if (expectedSize.isPresent() && expectedSize.getAsLong() < config.largeObjectSize()) {
                written = putWhole(account, location, data, expectedSize.getAsLong());
            } else {
                large = new LargeObjectUpload(account, location.container(), imageId, config.chunkSize(),
                        config.segmentBuffer());
                written = large.write(data, expectedSize);
            }
            return new StoredData(location.url(), written);
        } catch (RuntimeException | Error e) {
            List<String> segments = large == null ? List.of() : large.segments();
            if (e instanceof StoreException se && se.reason() == Reason.UNAVAILABLE) {
                // Swift is down: clean up behind the answer; the service's periodic sweep deletes what is left
                Thread.ofVirtual().name("swift-cleanup-" + imageId)
                        .start(() -> cleanUp(account, location.container(), imageId, segments));
            } else {
                cleanUp(account, location.container(), imageId, segments);
            }
            throw e;
        }
    }

    /** One PUT of exactly the announced size; longer data is refused after the fact. */
    private static long putWhole(SwiftAccount account, SwiftLocation location, InputStream data, long size) {
        PushbackInputStream in = new PushbackInputStream(data, 1);
        SegmentStream body = new SegmentStream(in, size);
        try {
            account.put(location.container(), location.object(), body, size, Map.of());
        } catch (StoreException e) {
            throw body.dataEnded() ? LargeObjectUpload.shorter(size) : e;
        }
        if (LargeObjectUpload.hasMore(in)) {
            throw new UncheckedIOException(new IOException("image data is longer than the " + size
                    + " bytes announced"));
        }
        return size;
    }

    private static void ensureContainer(SwiftStoreConfig config, SwiftAccount account, String container) {
        if (account.containerExists(container)) {
            return;
        }
        if (!config.createContainerOnPut()) {
            throw new StoreException(Reason.UNAVAILABLE, "The container " + container + " does not exist in Swift at "
                    + account.server() + "; set swift_store_create_container_on_put to create it");
        }
        account.createContainer(container);
        LOG.info("created container {} in Swift at {}", container, account.server());
    }

    /** Leaves nothing of a failed write: its segments and any manifest or object. */
    private static void cleanUp(SwiftAccount account, String container, String object, List<String> segments) {
        try {
            List<String> all = new ArrayList<>(segments);
            for (String name : account.list(container, object + "-")) {
                if (!all.contains(name)) {
                    all.add(name);
                }
            }
            for (String name : all) {
                account.delete(container, name, "");
            }
            account.delete(container, object, "");
        } catch (StoreException e) {
            LOG.warn("could not remove what a failed write of image {} left in Swift: {}", object, e.getMessage());
        }
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        Target target = resolve(locationUrl);
        if (length == 0) {
            size(locationUrl); // still NOT_FOUND for missing data
            return InputStream.nullInputStream();
        }
        return target.tracked(availability, () -> new SwiftObjectStream(target.account(),
                target.location().container(), target.location().object(), offset, length, config.retryGetCount()));
    }

    @Override
    public long size(String locationUrl) {
        Target target = resolve(locationUrl);
        return target.tracked(availability, () -> target.account().head(target.location().container(),
                target.location().object()))
                .orElseThrow(() -> new StoreException(Reason.NOT_FOUND, "Image data not found in Swift"))
                .size();
    }

    /**
     * Deletes the object; for a large object its segments first (a static one through Swift's
     * {@code multipart-manifest=delete}), and segments a write cut short left without a manifest.
     */
    @Override
    public void delete(String locationUrl) {
        Target target = resolve(locationUrl);
        target.tracked(availability, () -> {
            remove(target);
            return null;
        });
    }

    private void remove(Target target) {
        deleteData(target.account(), target.location().container(), target.location().object());
    }

    /** Deletes an image's object in {@code account}, with the segments of a large object. */
    static void deleteData(SwiftAccount account, String container, String object) {
        Optional<SwiftAccount.ObjectInfo> info = account.head(container, object);
        if (info.isPresent() && info.get().slo()) {
            account.delete(container, object, "multipart-manifest=delete");
            return;
        }
        if (info.isPresent() && info.get().dloManifest().isPresent()) {
            String manifest = info.get().dloManifest().get();
            int slash = manifest.indexOf('/');
            if (slash > 0) {
                String segmentContainer = decode(manifest.substring(0, slash));
                for (String name : account.list(segmentContainer, decode(manifest.substring(slash + 1)))) {
                    account.delete(segmentContainer, name, "");
                }
            }
        }
        for (String name : account.list(container, object + "-")) {
            account.delete(container, name, "");
        }
        account.delete(container, object, "");
    }

    @Override
    public Optional<String> uploadLocation(String imageId) {
        return Optional.of(locationFor(imageId).url());
    }

    /** Every Swift location whose account this store can reach: its own, and those of its references. */
    @Override
    public boolean owns(String locationUrl) {
        return SwiftLocation.parse(locationUrl).flatMap(this::referenceOf).isPresent();
    }

    /** @param defaultAccount whether the location is in the store's own account, whose availability is reported */
    private record Target(SwiftLocation location, SwiftAccount account, boolean defaultAccount) {
        <T> T tracked(StoreAvailability availability, java.util.function.Supplier<T> call) {
            return defaultAccount ? availability.track(call) : call.get();
        }
    }

    private Target resolve(String locationUrl) {
        SwiftLocation location = SwiftLocation.parse(locationUrl)
                .orElseThrow(() -> new StoreException(Reason.BAD_LOCATION, "Not a Swift location"));
        SwiftReference ref = referenceOf(location)
                .orElseThrow(() -> new StoreException(Reason.BAD_LOCATION, "No credentials for this Swift location"));
        SwiftReference own = config.defaultAccount();
        // the same credentials: a location may name the same user with a key the store does not have
        boolean defaultAccount = ref.authAddress().equals(own.authAddress()) && ref.user().equals(own.user())
                && ref.key().equals(own.key());
        return new Target(location, accounts.apply(ref), defaultAccount);
    }

    /** The account of a location: its reference, or the credentials and address it carries. */
    private Optional<SwiftReference> referenceOf(SwiftLocation location) {
        if (location.reference() != null) {
            return Optional.ofNullable(config.references().get(location.reference()));
        }
        if (location.user() == null || location.key() == null || location.authAddress().isEmpty()) {
            return Optional.empty();
        }
        // the version of the reference with the same address, else the default reference's
        String version = config.references().values().stream()
                .filter(r -> SwiftLocation.withCredentials(r, "c", "o").authAddress().equals(location.authAddress()))
                .map(SwiftReference::authVersion).findFirst().orElse(config.defaultAccount().authVersion());
        return Optional.of(new SwiftReference("", location.authUrl(), location.user(), location.key(), version));
    }

    private SwiftLocation locationFor(String imageId) {
        if (imageId.isEmpty() || imageId.contains("/")) {
            throw new StoreException(Reason.BAD_LOCATION, "Invalid image id for the Swift store");
        }
        String container = config.containerFor(imageId);
        return config.configFile() ? SwiftLocation.ofReference(config.defaultReference(), container, imageId)
                : SwiftLocation.withCredentials(config.defaultAccount(), container, imageId);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SwiftStore[" + config.defaultAccount().authAddress() + ", " + config.container() + "]";
    }
}
