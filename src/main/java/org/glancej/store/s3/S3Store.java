package org.glancej.store.s3;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data as objects named by image id in one bucket of an S3 server (AWS, Ceph radosgw, MinIO), at
 * locations of glance_store's form ({@link S3Location}). Data announced smaller than
 * {@code s3_store_large_object_size} goes up in one streamed PUT; larger or unannounced data in parts of
 * {@code s3_store_large_object_chunk_size}, up to {@code s3_store_thread_pools} of them in memory and in flight at
 * once across all uploads of the store.
 */
public final class S3Store implements ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);

    private final S3StoreConfig config;
    private final S3Client client;
    private final PartBuffers partBuffers;

    S3Store(S3StoreConfig config, S3Client client) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.partBuffers = new PartBuffers(config.threadPools(), (int) config.chunkSize());
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(true, true, true, true);
    }

    /** What upstream's stores/detail shows of an s3 store, in bytes as upstream does. */
    @Override
    public Map<String, Object> properties() {
        return Map.of("s3_store_large_object_size", config.largeObjectSize(),
                "s3_store_large_object_chunk_size", config.chunkSize(),
                "s3_store_thread_pools", config.threadPools());
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        S3Location location = locationFor(imageId);
        ensureBucket();
        if (client.headObject(imageId).isPresent()) {
            throw new StoreException(Reason.BAD_LOCATION, "Image data for " + imageId + " already exists in the S3 store");
        }
        PartedUpload parted = null;
        try {
            long written;
            if (expectedSize.isPresent() && expectedSize.getAsLong() < config.largeObjectSize()) {
                written = putWhole(imageId, data, expectedSize.getAsLong());
            } else {
                parted = new PartedUpload(client, imageId, partBuffers, expectedSize);
                written = parted.write(data);
            }
            return new StoredData(location.url(), written);
        } catch (RuntimeException | Error e) {
            String uploadId = parted == null ? null : parted.uploadId();
            if (e instanceof StoreException se && se.reason() == Reason.UNAVAILABLE) {
                // a server that stopped answering would make each clean-up request wait out its timeout before the
                // client hears of the failure: clean up behind the answer (the service's removal sweep retries)
                Thread.ofVirtual().name("s3-cleanup-" + imageId).start(() -> cleanUp(imageId, uploadId));
            } else {
                cleanUp(imageId, uploadId);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanUp(imageId, parted == null ? null : parted.uploadId());
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while writing to the S3 store", e);
        }
    }

    /** One PUT streaming exactly the announced size; longer data is refused after the fact. */
    private long putWhole(String key, InputStream data, long size) {
        AnnouncedSizeStream body = new AnnouncedSizeStream(data, size);
        BodyPublisher publisher = size == 0 ? BodyPublishers.noBody()
                : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> body), size);
        try {
            client.putObject(key, publisher, size, body.progress());
        } catch (StoreException e) {
            throw body.failure() != null ? body.failure() : e;
        }
        try {
            if (data.read() >= 0) {
                throw new UncheckedIOException(new IOException("image data is longer than the " + size
                        + " bytes announced"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return size;
    }

    private void ensureBucket() {
        if (client.bucketExists()) {
            return;
        }
        if (!config.createBucketOnPut()) {
            throw new StoreException(Reason.UNAVAILABLE, "The bucket " + config.bucket() + " does not exist in the S3 "
                    + "store at " + client.server() + "; set s3_store_create_bucket_on_put to create it");
        }
        client.createBucket();
        LOG.info("created bucket {} in the S3 store at {}", config.bucket(), client.server());
    }

    /** Leaves nothing of a failed write: the multipart upload's parts and any object written. */
    private void cleanUp(String key, String uploadId) {
        try {
            if (uploadId != null) {
                client.abortMultipartUpload(key, uploadId);
            }
            client.deleteObject(key);
        } catch (StoreException e) {
            LOG.warn("could not remove what a failed write of image {} left in the S3 store: {}", key, e.getMessage());
        }
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        S3Location location = ours(locationUrl);
        if (length == 0) {
            size(locationUrl); // still NOT_FOUND for missing data
            return InputStream.nullInputStream();
        }
        return client.getObject(location.key(), offset, length);
    }

    @Override
    public long size(String locationUrl) {
        return client.headObject(ours(locationUrl).key()).orElseThrow(
                () -> new StoreException(Reason.NOT_FOUND, "Image data not found in the S3 store"));
    }

    /** Deletes the object and any multipart upload left for it (a write cut short by a crash). */
    @Override
    public void delete(String locationUrl) {
        String key = ours(locationUrl).key();
        client.deleteObject(key);
        List<String> leftOver;
        try {
            leftOver = client.multipartUploads(key);
        } catch (StoreException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            return; // the bucket itself is gone
        }
        for (String uploadId : leftOver) {
            client.abortMultipartUpload(key, uploadId);
        }
    }

    @Override
    public Optional<String> uploadLocation(String imageId) {
        return Optional.of(locationFor(imageId).url());
    }

    @Override
    public boolean owns(String locationUrl) {
        return S3Location.parse(locationUrl)
                .filter(l -> l.host().equalsIgnoreCase(config.locationHost()) && l.bucket().equals(config.bucket()))
                .isPresent();
    }

    /** The in-progress multipart uploads of an image's object (for finding what failed writes left). */
    List<String> multipartUploads(String imageId) {
        return client.multipartUploads(imageId);
    }

    private S3Location ours(String locationUrl) {
        if (!owns(locationUrl)) {
            throw new StoreException(Reason.BAD_LOCATION, "Not a location of this S3 store");
        }
        return S3Location.parse(locationUrl).orElseThrow();
    }

    private S3Location locationFor(String imageId) {
        if (imageId.isEmpty() || imageId.contains("/")) {
            throw new StoreException(Reason.BAD_LOCATION, "Invalid image id for the S3 store");
        }
        return new S3Location(config.scheme(), config.accessKey(), config.secretKey(), config.locationHost(),
                config.bucket(), imageId);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3Store[" + client.server() + "/" + config.bucket() + "]";
    }
}
