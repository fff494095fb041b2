package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.store.StoreSection;

/**
 * A single-tenant Swift store's options, with glance_store's names and defaults. Sizes are in bytes here; in the
 * file they are in glance_store's "MB" of 1024 x 1000 bytes ({@code ONE_MB}), which it multiplies by, so the
 * same setting cuts images at the same byte on both services.
 *
 * @param references the accounts: those of {@code swift_store_config_file}, or the one the {@code swift_store_*}
 *     credential options describe, under the name of {@code default_swift_reference}
 * @param defaultReference the account new images go to ({@code default_swift_reference})
 * @param configFile whether the references come from {@code swift_store_config_file}: new locations then
 *     name the reference ({@code swift+config://}) instead of carrying the credentials
 * @param endpoint {@code swift_store_endpoint}: the storage URL to use instead of the one authentication gives,
 *     empty for that one
 * @param containersSeed {@code swift_store_multiple_containers_seed}: 0 for one container, else how many
 *     characters of the image id suffix the container's name
 * @param catalog where auth version 3 finds the storage URL in the token's catalog
 * @param insecure {@code swift_store_auth_insecure}: no certificate is checked, of Swift or of its authentication
 * @param uploadBufferDir {@code swift_upload_buffer_dir} when {@code swift_buffer_on_upload} is on, else empty
 */
record SwiftStoreConfig(Map<String, SwiftReference> references, String defaultReference, boolean configFile,
        String container, boolean createContainerOnPut, int containersSeed, long largeObjectSize, long chunkSize,
        String endpoint, Catalog catalog, String caBundle, boolean insecure, int retryGetCount,
        Duration connectTimeout, Duration readTimeout, String uploadBufferDir) {
    /** glance_store's "MB": {@code units.k * units.Ki}. */
    static final long ONE_MB = 1000 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    SwiftStoreConfig {
        references = Map.copyOf(references);
        requireNonNull(defaultReference, "defaultReference is null");
        requireNonNull(container, "container is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(caBundle, "caBundle is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(uploadBufferDir, "uploadBufferDir is null");
    }

    static SwiftStoreConfig from(StoreSection options) {
        // multi-tenant: no account of the service's own, at most the trustee user (defaultAccount() null without)
        SwiftReferences refs = options.bool("swift_store_multi_tenant", false) ? SwiftReferences.trustee(options)
                : SwiftReferences.from(options);
        String container = options.string("swift_store_container", "glance").strip();
        if (container.isEmpty() || container.contains("/")) {
            throw ConfigException.badValue(options.sectionOf("swift_store_container"), "swift_store_container",
                    container, "a container name without '/'");
        }
        long largeMb = options.longValue("swift_store_large_object_size", 5 * 1024, 1, Long.MAX_VALUE / ONE_MB);
        long chunkMb = options.longValue("swift_store_large_object_chunk_size", 200, 1, Long.MAX_VALUE / ONE_MB);
        return new SwiftStoreConfig(refs.all(), refs.defaultName(), refs.fromFile(), container,
                options.bool("swift_store_create_container_on_put", false),
                options.integer("swift_store_multiple_containers_seed", 0, 0, 32),
                largeMb * ONE_MB, chunkMb * ONE_MB,
                options.string("swift_store_endpoint", "").strip().replaceAll("/+$", ""),
                new Catalog(options.string("swift_store_service_type", "object-store").strip(),
                        options.string("swift_store_endpoint_type", "publicURL").strip(),
                        blankToNull(options.string("swift_store_region", ""))),
                options.string("swift_store_cacert", "").strip(),
                options.bool("swift_store_auth_insecure", false),
                options.integer("swift_store_retry_get_count", 0, 0, 1000), CONNECT_TIMEOUT, READ_TIMEOUT,
                uploadBufferDir(options));
    }

    /**
     * With {@code swift_buffer_on_upload}, the directory segments are buffered in; startup stops when it is not
     * set or no file can be created in it (upstream checks the same, and disables uploads instead).
     */
    private static String uploadBufferDir(StoreSection options) {
        if (!options.bool("swift_buffer_on_upload", false)) {
            return "";
        }
        String dir = options.string("swift_upload_buffer_dir", "").strip();
        String section = options.sectionOf("swift_upload_buffer_dir");
        if (dir.isEmpty()) {
            throw new ConfigException("[" + section + "] swift_upload_buffer_dir is not set: swift_buffer_on_upload = "
                    + "True needs a directory to buffer image segments in (store '" + options.storeId() + "')");
        }
        try {
            Files.delete(Files.createTempFile(Path.of(dir), "swift-segment-", ".check"));
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            throw ConfigException.badValue(section, "swift_upload_buffer_dir", dir,
                    "a directory this service can create files in (" + e.getClass().getSimpleName() + ": "
                            + e.getMessage() + ")");
        }
        return dir;
    }

    /** Where segments are buffered before they are sent ({@code swift_buffer_on_upload}); empty without. */
    Optional<SegmentBuffer> segmentBuffer() {
        return uploadBufferDir.isEmpty() ? Optional.empty() : Optional.of(new SegmentBuffer(Path.of(uploadBufferDir)));
    }

    /**
     * {@code swift_store_service_type}, {@code swift_store_endpoint_type} ({@code publicURL} and {@code public}
     * alike) and {@code swift_store_region} (null: any).
     */
    record Catalog(String serviceType, String endpointType, String region) {
        Catalog {
            requireNonNull(serviceType, "serviceType is null");
            requireNonNull(endpointType, "endpointType is null");
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value.strip();
    }

    SwiftReference defaultAccount() {
        return references.get(defaultReference);
    }

    /**
     * The container of an image: {@code swift_store_container}, or with a seed, that name, '_' and the first
     * {@code seed} characters of the lower-case image id (dashes among them not counted), as upstream names them.
     */
    String containerFor(String imageId) {
        if (containersSeed == 0) {
            return container;
        }
        String id = imageId.toLowerCase(java.util.Locale.ROOT);
        String head = id.substring(0, Math.min(containersSeed, id.length()));
        int dashes = (int) head.chars().filter(c -> c == '-').count();
        return container + "_" + id.substring(0, Math.min(containersSeed + dashes, id.length()));
    }

    /** The same store with other sizes and timeouts (tests exercise large objects with a few MiB). */
    SwiftStoreConfig with(long largeObjectSize, long chunkSize, Duration readTimeout) {
        return new SwiftStoreConfig(references, defaultReference, configFile, container, createContainerOnPut,
                containersSeed, largeObjectSize, chunkSize, endpoint, catalog, caBundle, insecure,
                retryGetCount, connectTimeout, readTimeout, uploadBufferDir);
    }

    SwiftStoreConfig withContainer(String otherContainer, boolean create, int seed) {
        return new SwiftStoreConfig(references, defaultReference, configFile, otherContainer, create, seed,
                largeObjectSize, chunkSize, endpoint, catalog, caBundle, insecure, retryGetCount,
                connectTimeout, readTimeout, uploadBufferDir);
    }

    SwiftStoreConfig withUploadBuffer(String dir) {
        return new SwiftStoreConfig(references, defaultReference, configFile, container, createContainerOnPut,
                containersSeed, largeObjectSize, chunkSize, endpoint, catalog, caBundle, insecure, retryGetCount,
                connectTimeout, readTimeout, dir);
    }

    @Override
    public String toString() {
        return "SwiftStoreConfig[" + defaultAccount() + ", container=" + container + "]";
    }
}
