package org.glancej.store.vmware;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glancej.store.LimitedInputStream;
import org.glancej.store.ResponseBodyStream;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Image data over the datastore's HTTP file access, {@code /folder/<path>?dcPath=..&dsName=..} with the session
 * cookie, as upstream moves it: PUT with the announced length, or chunked when none is known; GET with a range;
 * HEAD for the size. A 401 (the session ended) logs in again and repeats a read.
 */
final class DatastoreFiles {
    private final VimSession session;
    private final VmwareStoreConfig config;

    DatastoreFiles(VimSession session, VmwareStoreConfig config) {
        this.session = requireNonNull(session, "session is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** Writes the data, answering how many bytes went; the caller's own failure comes out unchanged. */
    long put(VsphereLocation location, InputStream data, OptionalLong size) {
        CallerData body = new CallerData(data, size);
        BodyPublisher publisher = size.isPresent() && size.getAsLong() == 0 ? BodyPublishers.noBody()
                : size.isPresent() ? BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> body), size.getAsLong())
                : BodyPublishers.ofInputStream(() -> body);
        HttpRequest request = request(location).header("Content-Type", "application/octet-stream")
                .PUT(publisher).build();
        HttpResponse<byte[]> response;
        try {
            response = watched(session.http().sendAsync(request, BodyHandlers.ofByteArray()), body);
        } catch (IOException e) {
            throw body.failure() != null ? body.failure() : session.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while writing to " + session.server(), e);
        }
        if (body.failure() != null) {
            throw body.failure();
        }
        int status = response.statusCode();
        if (status == 409) {
            throw new StoreException(Reason.BAD_LOCATION, "Image data for this image already exists in the VMware datastore");
        }
        if (status != 200 && status != 201) {
            throw new StoreException(Reason.UNAVAILABLE, "The VMware server at " + session.server()
                    + " failed to write image data: HTTP " + status);
        }
        if (size.isPresent()) {
            body.checkEnded();
        }
        return body.served();
    }

    /**
     * Waits for the answer to an upload however long its client takes to send, giving up (and aborting it) once the
     * server took no byte, or did not answer after the last, for the call timeout.
     */
    private <T> HttpResponse<T> watched(CompletableFuture<HttpResponse<T>> answer, CallerData body)
            throws IOException, InterruptedException {
        long idleLimit = config.callTimeout().toNanos();
        while (true) {
            try {
                return answer.get(Math.min(250, config.callTimeout().toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (body.idleNanos() > idleLimit) {
                    answer.cancel(true);
                    throw new HttpTimeoutException("no progress for " + config.callTimeout().toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                answer.cancel(true);
                throw e;
            }
        }
    }

    /** The bytes from {@code offset}, {@code length} of them or (negative) to the end, streamed. */
    InputStream get(VsphereLocation location, long offset, long length) {
        HttpRequest.Builder request = request(location).timeout(config.callTimeout()).GET();
        if (offset > 0 || length >= 0) {
            request.header("Range", "bytes=" + offset + "-" + (length >= 0 ? Long.toString(offset + length - 1) : ""));
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request, BodyHandlers.ofPublisher());
        // a server that goes silent fails the read after the call timeout (the JDK's own body streams wait forever)
        ResponseBodyStream body = new ResponseBodyStream(config.callTimeout(), "The VMware server at " + session.server());
        response.body().subscribe(body);
        int status = response.statusCode();
        if (status == 206 || (status == 200 && offset == 0 && length < 0)) {
            return body;
        }
        if (status == 200) {
            // a server that ignores ranges (upstream never asks for one) sends it all: the range is cut here
            return LimitedInputStream.of(skipped(body, offset), length);
        }
        close(body);
        if (status == 416) {
            return InputStream.nullInputStream(); // from past the end: nothing, as a file would give
        }
        throw failure(status, "read image data");
    }

    private InputStream skipped(InputStream in, long offset) {
        try {
            in.skipNBytes(offset);
            return in;
        } catch (java.io.EOFException e) {
            close(in);
            return InputStream.nullInputStream();
        } catch (IOException e) {
            close(in);
            throw session.unreachable(e);
        }
    }

    OptionalLong size(VsphereLocation location) {
        HttpResponse<Void> response = send(request(location).timeout(config.callTimeout())
                .method("HEAD", BodyPublishers.noBody()),
                BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return OptionalLong.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), "read the size of image data");
        }
        return response.headers().firstValueAsLong("Content-Length");
    }

    /** Sends a read, logging in again after a 401 as upstream does, up to {@code vmware_api_retry_count} times. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        for (int attempt = 0; ; attempt++) {
            String cookie = session.cookie();
            request.setHeader("Cookie", VimSession.COOKIE + "=" + cookie);
            HttpResponse<T> response;
            try {
                response = session.http().send(request.build(), handler);
            } catch (IOException e) {
                throw session.unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(Reason.UNAVAILABLE, "Interrupted while reading from " + session.server(), e);
            }
            if (response.statusCode() != 401 || attempt >= config.apiRetryCount()) {
                return response;
            }
            if (response.body() instanceof InputStream in) {
                close(in);
            } else if (response.body() instanceof Flow.Publisher<?> publisher) {
                discard(publisher);
            }
            session.login(cookie);
        }
    }

    private HttpRequest.Builder request(VsphereLocation location) {
        try {
            String path = new URI(null, null, location.path(), null).getRawPath();
            URI uri = URI.create(config.server() + path + "?" + location.rawQuery());
            // no timeout here: an upload takes as long as its client sends; reads set the call timeout
            return HttpRequest.newBuilder(uri)
                    .header("Cookie", VimSession.COOKIE + "=" + session.cookie());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new StoreException(Reason.BAD_LOCATION, "Not a valid location of the VMware datastore store");
        }
    }

    private StoreException failure(int status, String what) {
        if (status == 404) {
            return new StoreException(Reason.NOT_FOUND, "Image data not found in the VMware datastore");
        }
        return new StoreException(Reason.UNAVAILABLE, "The VMware server at " + session.server() + " failed to "
                + what + ": HTTP " + status);
    }

    @SuppressWarnings("unchecked")
    private static void discard(Flow.Publisher<?> publisher) {
        ResponseBodyStream unread = new ResponseBodyStream(Duration.ofSeconds(1), "");
        ((Flow.Publisher<List<ByteBuffer>>) publisher).subscribe(unread);
        unread.close();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the answer is not wanted
        }
    }

    /**
     * The caller's data as a request body: at most the announced size, remembering the first failure of the
     * caller's stream (or its ending early), because the HTTP client, which reads it on its own threads, reports
     * only a wrapped one.
     */
    private static final class CallerData extends InputStream {
        private final InputStream data;
        private final long limit;
        private long served;
        private volatile RuntimeException failure;
        private volatile long lastMoved = System.nanoTime();
        private volatile boolean waitingForCaller;

        CallerData(InputStream data, OptionalLong size) {
            this.data = data;
            this.limit = size.orElse(Long.MAX_VALUE);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (served >= limit) {
                return -1;
            }
            int n;
            waitingForCaller = true;
            try {
                n = data.read(b, off, (int) Math.min(len, limit - served));
            } catch (IOException e) {
                failure = new UncheckedIOException(e);
                throw e;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                waitingForCaller = false;
                lastMoved = System.nanoTime();
            }
            if (n < 0 && limit != Long.MAX_VALUE) {
                failure = new UncheckedIOException(new IOException("image data ended after " + served + " of the "
                        + limit + " bytes announced"));
                throw new IOException(failure.getMessage());
            }
            if (n > 0) {
                served += n;
            }
            return n;
        }

        RuntimeException failure() {
            return failure;
        }

        /** How long the upload has not moved for the server's sake (waiting for the caller's data does not count). */
        long idleNanos() {
            return waitingForCaller ? 0 : System.nanoTime() - lastMoved;
        }

        long served() {
            return served;
        }

        /** Data longer than announced is refused after the fact. */
        void checkEnded() {
            try {
                if (data.read() >= 0) {
                    throw new UncheckedIOException(new IOException("image data is longer than the " + limit
                            + " bytes announced"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
