package org.glancej.store.s3;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Writes one object from a stream of any length, reading it part by part on the caller's thread while earlier
 * parts upload in parallel. Memory is bounded by the store-wide {@code budget}: a part's buffer holds permits
 * (one per MiB) from before it is read until it is uploaded. Data that fits in its first part goes up in one
 * PUT; more starts a multipart upload. With an unknown total the parts grow every thousand parts, so the
 * 10,000-part limit is not reached before ~55,000 chunks. On failure the caller cleans up.
 */
final class PartedUpload {
    static final int MAX_PARTS = 10_000;
    private static final int MIB = 1 << 20;

    private final S3Client client;
    private final String key;
    private final Semaphore budget;
    private final int budgetPermits;
    private final long chunkSize;
    private final OptionalLong expectedSize;
    private final AtomicReference<Throwable> partFailure = new AtomicReference<>();
    private String uploadId;

    PartedUpload(S3Client client, String key, Semaphore budget, int budgetPermits, long chunkSize,
            OptionalLong expectedSize) {
        this.client = requireNonNull(client, "client is null");
        this.key = requireNonNull(key, "key is null");
        this.budget = budget;
        this.budgetPermits = budgetPermits;
        this.chunkSize = chunkSize;
        this.expectedSize = expectedSize;
    }

    /** The multipart upload started, if one was: the caller aborts it when {@link #write} fails. */
    String uploadId() {
        return uploadId;
    }

    /** Reads {@code data} to its end into the object; answers the bytes written. */
    long write(InputStream data) throws InterruptedException {
        List<Future<String>> etags = new ArrayList<>();
        long total = 0;
        try (ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int part = 1; ; part++) {
                    int size = partSize(part);
                    int permits = Math.min(budgetPermits, (size + MIB - 1) / MIB);
                    budget.acquire(permits);
                    byte[] buffer;
                    int length;
                    try {
                        throwIfAPartFailed();
                        buffer = new byte[size];
                        length = read(data, buffer);
                    } catch (RuntimeException | Error e) {
                        budget.release(permits);
                        throw e;
                    }
                    boolean last = length < size;
                    if (part == 1 && last) {
                        budget.release(permits); // the data fits in one part: no multipart upload
                        client.putObject(key, BodyPublishers.ofByteArray(buffer, 0, length), length);
                        return length;
                    }
                    if (length == 0) {
                        budget.release(permits);
                        break;
                    }
                    if (part > MAX_PARTS) {
                        budget.release(permits);
                        throw new StoreException(Reason.STORAGE_FULL, "The image is larger than the S3 store takes in "
                                + MAX_PARTS + " parts; raise s3_store_large_object_chunk_size");
                    }
                    if (uploadId == null) {
                        uploadId = client.createMultipartUpload(key);
                    }
                    total += length;
                    int number = part;
                    etags.add(uploads.submit(() -> uploadPart(number, buffer, length, permits)));
                    if (last) {
                        break;
                    }
                }
                List<String> tags = new ArrayList<>();
                for (Future<String> etag : etags) {
                    tags.add(etag.get());
                }
                client.completeMultipartUpload(key, uploadId, tags);
                return total;
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            } finally {
                etags.forEach(f -> f.cancel(true)); // stops parts still going after a failure; no-op otherwise
            }
        }
    }

    private String uploadPart(int number, byte[] buffer, int length, int permits) {
        try {
            return client.uploadPart(key, uploadId, number, BodyPublishers.ofByteArray(buffer, 0, length), length);
        } catch (RuntimeException | Error e) {
            partFailure.compareAndSet(null, e);
            throw e;
        } finally {
            budget.release(permits);
        }
    }

    /** Part sizes: the chunk size, more if the announced size needs over 10,000 parts or as an unknown one grows. */
    int partSize(int part) {
        long size;
        if (expectedSize.isPresent()) {
            size = Math.max(chunkSize, (expectedSize.getAsLong() + MAX_PARTS - 1) / MAX_PARTS);
        } else {
            long growth = Math.min(1 + (part - 1) / 1000, Math.max(1, (long) budgetPermits * MIB / chunkSize));
            size = chunkSize * growth;
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 64);
    }

    private void throwIfAPartFailed() {
        Throwable failed = partFailure.get();
        if (failed != null) {
            throw rethrow(failed);
        }
    }

    private static int read(InputStream data, byte[] buffer) {
        try {
            return data.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new StoreException(Reason.UNAVAILABLE, "Writing to the S3 store failed: " + failure, failure);
    }
}
