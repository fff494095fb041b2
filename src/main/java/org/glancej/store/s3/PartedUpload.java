package org.glancej.store.s3;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Writes one object from a stream of any length, reading it part by part on the caller's thread while earlier
 * parts upload in parallel. Memory is bounded by the store's {@link PartBuffers}: a part holds its buffers from
 * before it is read until it is uploaded. Data that fits in its first part goes up in one PUT; more starts a
 * multipart upload. Parts are one buffer, more when an announced size needs over 10,000 parts, and with an
 * unknown size they grow by a buffer every thousand parts (up to the store's buffer count), so multi-GB
 * uploads of unknown size stay well inside S3's part limit. On failure the caller cleans up.
 */
final class PartedUpload {
    static final int MAX_PARTS = 10_000;
    private static final int READ_SIZE = 256 << 10;

    private final S3Client client;
    private final String key;
    private final PartBuffers buffers;
    private final OptionalLong expectedSize;
    private final AtomicReference<Throwable> partFailure = new AtomicReference<>();
    private final byte[] scratch = new byte[READ_SIZE];
    private String uploadId;

    PartedUpload(S3Client client, String key, PartBuffers buffers, OptionalLong expectedSize) {
        this.client = requireNonNull(client, "client is null");
        this.key = requireNonNull(key, "key is null");
        this.buffers = requireNonNull(buffers, "buffers is null");
        this.expectedSize = requireNonNull(expectedSize, "expectedSize is null");
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
                    List<ByteBuffer> taken = buffers.take(buffersPerPart(part));
                    long length;
                    try {
                        throwIfAPartFailed();
                        length = fill(data, taken);
                    } catch (RuntimeException | Error e) {
                        buffers.give(taken, true);
                        throw e;
                    }
                    boolean last = taken.getLast().hasRemaining();
                    if (part == 1 && last) { // the data fits in one part: no multipart upload
                        boolean sent = false;
                        try {
                            UploadProgress progress = new UploadProgress();
                            client.putObject(key, BuffersPublisher.body(taken, length, progress), length, progress);
                            sent = true;
                        } finally {
                            buffers.give(taken, sent);
                        }
                        return length;
                    }
                    if (length == 0 || part > MAX_PARTS) {
                        buffers.give(taken, true);
                        if (length == 0) {
                            break;
                        }
                        throw new StoreException(Reason.STORAGE_FULL, "The image is larger than the S3 store takes in "
                                + MAX_PARTS + " parts; raise s3_store_large_object_chunk_size");
                    }
                    if (uploadId == null) {
                        uploadId = client.createMultipartUpload(key);
                    }
                    total += length;
                    int number = part;
                    long partLength = length;
                    etags.add(uploads.submit(() -> uploadPart(number, taken, partLength)));
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

    private String uploadPart(int number, List<ByteBuffer> part, long length) {
        boolean sent = false;
        try {
            UploadProgress progress = new UploadProgress();
            String etag = client.uploadPart(key, uploadId, number, BuffersPublisher.body(part, length, progress),
                    length, progress);
            sent = true;
            return etag;
        } catch (RuntimeException | Error e) {
            partFailure.compareAndSet(null, e);
            throw e;
        } finally {
            buffers.give(part, sent);
        }
    }

    /** How many buffers make part {@code part}. */
    int buffersPerPart(int part) {
        long wanted;
        if (expectedSize.isPresent()) {
            long perPart = (expectedSize.getAsLong() + MAX_PARTS - 1) / MAX_PARTS;
            wanted = (perPart + buffers.size() - 1) / buffers.size();
        } else {
            wanted = 1 + (part - 1) / 1000;
        }
        return (int) Math.max(1, Math.min(wanted, buffers.count()));
    }

    /** Reads into the buffers until they are full or the data ends; answers the bytes read. */
    private long fill(InputStream data, List<ByteBuffer> part) {
        long read = 0;
        try {
            for (ByteBuffer buffer : part) {
                while (buffer.hasRemaining()) {
                    int n = data.read(scratch, 0, Math.min(scratch.length, buffer.remaining()));
                    if (n < 0) {
                        return read;
                    }
                    buffer.put(scratch, 0, n);
                    read += n;
                }
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void throwIfAPartFailed() {
        Throwable failed = partFailure.get();
        if (failed != null) {
            throw rethrow(failed);
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
