package org.glancej.store.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.glancej.store.PlainObjectRead;
import org.glancej.store.ResponseBodyStream;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.w3c.dom.Element;

/**
 * The S3 operations the store needs, signed with SigV4 over the JDK's HTTP client against one bucket. Every
 * failure comes out as a {@link StoreException} naming the S3 store's endpoint (which never holds credentials).
 */
final class S3Client implements AutoCloseable {
    private static final int SMALL_BODY_LIMIT = 1 << 20;
    private static final Pattern DNS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private final S3StoreConfig config;
    private final HttpClient http;
    private final SigV4Signer signer;
    private final boolean virtualHosted;
    private final String server;

    /** An answer whose body is still to be read (or closed) by the caller. */
    record Response(int status, HttpHeaders headers, ResponseBodyStream body) {
        byte[] smallBody() throws IOException {
            return body.readAtMost(SMALL_BODY_LIMIT);
        }
    }

    S3Client(S3StoreConfig config, SSLContext tls) {
        this.config = requireNonNull(config, "config is null");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.signer = new SigV4Signer(config.accessKey(), config.secretKey(), config.region());
        this.virtualHosted = switch (config.bucketUrlFormat()) {
            case "virtual" -> true;
            case "path" -> false;
            // as botocore's auto (upstream's client): virtual-hosted only on AWS's own hosts with a DNS-safe
            // bucket, path style for other endpoints (radosgw, MinIO), which need no DNS setup for it
            default -> DNS_BUCKET.matcher(config.bucket()).matches()
                    && config.endpoint().getHost().toLowerCase(Locale.ROOT).matches(".*\\.amazonaws\\.com(\\.cn)?");
        };
        this.server = config.endpoint().toString();
    }

    String server() {
        return server;
    }

    /** Whether the bucket exists. */
    boolean bucketExists() {
        Response response = exchange("HEAD", null, Map.of(), Map.of(), null, null);
        response.body().close();
        if (response.status() == 404) {
            return false;
        }
        if (response.status() / 100 != 2) {
            throw failure("find the bucket " + config.bucket(), response);
        }
        return true;
    }

    void createBucket() {
        String location = config.locationConstraint();
        byte[] xml = location.isEmpty() ? new byte[0] : S3Xml.createBucketConfiguration(location).getBytes(UTF_8);
        Response response = exchange("PUT", null, Map.of(), Map.of(), BodyPublishers.ofByteArray(xml), null);
        // a bucket made meanwhile by another node is as good as our own
        if (response.status() / 100 != 2 && !"BucketAlreadyOwnedByYou".equals(errorCode(response))) {
            throw failure("create the bucket " + config.bucket(), response);
        }
    }

    /** The object's size, or empty if it does not exist. */
    OptionalLong headObject(String key) {
        Response response = exchange("HEAD", key, Map.of(), Map.of(), null, null);
        response.body().close();
        if (response.status() == 404) {
            return OptionalLong.empty();
        }
        if (response.status() / 100 != 2) {
            throw failure("read the size of image data", response);
        }
        return response.headers().firstValueAsLong("Content-Length");
    }

    /** The object's bytes from {@code offset}, {@code length} of them or (negative) to its end, streamed. */
    InputStream getObject(String key, long offset, long length) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (offset > 0 || length >= 0) {
            headers.put("Range", "bytes=" + offset + "-" + (length >= 0 ? Long.toString(offset + length - 1) : ""));
        }
        if (config.endpoint().getScheme().equals("http")) {
            Optional<PlainObjectRead> plain = plainGet(key, headers);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        Response response = exchange("GET", key, Map.of(), headers, null, null);
        if (response.status() == 200 || response.status() == 206) {
            return response.body();
        }
        if (response.status() == 416) {
            response.body().close();
            return InputStream.nullInputStream(); // from past the end: nothing, as a file would give
        }
        throw failure("read image data", response);
    }

    void putObject(String key, BodyPublisher data, long length, UploadProgress progress) {
        Response response = exchange("PUT", key, Map.of(), Map.of(), data, progress);
        expectSuccess("write image data", response);
    }

    /** Deletes the object; one already gone is no failure. */
    void deleteObject(String key) {
        Response response = exchange("DELETE", key, Map.of(), Map.of(), null, null);
        if (response.status() != 404) {
            expectSuccess("delete image data", response);
        }
        response.body().close();
    }

    String createMultipartUpload(String key) {
        Response response = exchange("POST", key, Map.of("uploads", ""), Map.of(), BodyPublishers.noBody(), null);
        Element root = expectDocument("start a multipart upload", response);
        return S3Xml.text(root, "UploadId").orElseThrow(
                () -> new StoreException(Reason.UNAVAILABLE, "The S3 store at " + server + " gave no upload id"));
    }

    /** Uploads one part and answers its ETag. */
    String uploadPart(String key, String uploadId, int partNumber, BodyPublisher data, long length,
            UploadProgress progress) {
        Response response = exchange("PUT", key, Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId),
                Map.of(), data, progress);
        expectSuccess("write part " + partNumber + " of image data", response);
        return response.headers().firstValue("ETag").orElseThrow(
                () -> new StoreException(Reason.UNAVAILABLE, "The S3 store at " + server + " gave no ETag for a part"));
    }

    void completeMultipartUpload(String key, String uploadId, List<String> etags) {
        byte[] xml = S3Xml.completeMultipartUpload(etags).getBytes(UTF_8);
        Response response = exchange("POST", key, Map.of("uploadId", uploadId), Map.of(),
                BodyPublishers.ofByteArray(xml), null);
        Element root = expectDocument("complete a multipart upload", response);
        if ("Error".equals(root.getLocalName())) { // S3 may fail a completion after answering 200
            throw new StoreException(Reason.UNAVAILABLE, "The S3 store at " + server
                    + " failed to complete a multipart upload: " + S3Xml.text(root, "Code").orElse("no code"));
        }
    }

    /** Aborts the upload, freeing its parts; one already gone is no failure. */
    void abortMultipartUpload(String key, String uploadId) {
        Response response = exchange("DELETE", key, Map.of("uploadId", uploadId), Map.of(), null, null);
        if (response.status() != 404) {
            expectSuccess("abort a multipart upload", response);
        }
        response.body().close();
    }

    /** The ids of multipart uploads in progress for this exact key. */
    List<String> multipartUploads(String key) {
        Response response = exchange("GET", null, Map.of("uploads", "", "prefix", key), Map.of(), null, null);
        Element root = expectDocument("list multipart uploads", response);
        List<String> ids = new ArrayList<>();
        for (Element upload : S3Xml.children(root, "Upload")) {
            if (S3Xml.text(upload, "Key").orElse("").equals(key)) {
                S3Xml.text(upload, "UploadId").ifPresent(ids::add);
            }
        }
        return ids;
    }

    private void expectSuccess(String what, Response response) {
        if (response.status() / 100 != 2) {
            throw failure(what, response);
        }
        response.body().close();
    }

    private Element expectDocument(String what, Response response) {
        if (response.status() / 100 != 2) {
            throw failure(what, response);
        }
        try {
            return S3Xml.parse(response.smallBody()).orElseThrow(() -> new StoreException(Reason.UNAVAILABLE,
                    "The S3 store at " + server + " gave an unreadable answer when asked to " + what));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The error's S3 code, reading (and closing) the response's body. */
    private static String errorCode(Response response) {
        try {
            return S3Xml.parse(response.smallBody()).flatMap(root -> S3Xml.text(root, "Code")).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** What a failed answer means for the client; the server's message text is left out (it may echo requests). */
    StoreException failure(String what, Response response) {
        String code = errorCode(response);
        int status = response.status();
        if (status == 404) {
            return new StoreException(Reason.NOT_FOUND, "Image data not found in the S3 store");
        }
        if (code.equals("QuotaExceeded") || code.equals("InsufficientCapacity") || status == 507) {
            // glance_store's StorageFull text: upstream's answer prefixes it with "Image storage media is full: "
            return new StoreException(Reason.STORAGE_FULL, "There is not enough disk space on the image storage media.");
        }
        return new StoreException(Reason.UNAVAILABLE, "The S3 store at " + server + " failed to " + what + ": HTTP "
                + status + (code.isEmpty() ? "" : " " + code));
    }

    StoreException unreachable(IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "cannot be reached: no connection within " + config.connectTimeout().toSeconds() + " s";
        } else if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            why = "did not answer in time";
        } else if (e instanceof ConnectException) {
            why = "cannot be reached: connection refused";
        } else {
            why = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new StoreException(Reason.UNAVAILABLE, "The S3 store at " + server + " " + why, e);
    }

    /** A GET straight on a socket; empty when the answer is for the JDK client to read (an error, another framing). */
    private Optional<PlainObjectRead> plainGet(String key, Map<String, String> headers) {
        String path = path(key);
        URI uri = URI.create(origin() + path);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", hostHeader(uri));
        signedHeaders("GET", path, Map.of(), Instant.now()).forEach(all::put);
        all.putAll(headers);
        try {
            return PlainObjectRead.open(uri, all, config.connectTimeout(), config.readTimeout(), "the S3 store at " + server);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Authorization, x-amz-content-sha256 and x-amz-date of a request without a signed payload. */
    private Map<String, String> signedHeaders(String method, String path, Map<String, String> query, Instant now) {
        String date = SigV4Signer.AMZ_DATE.format(now);
        URI uri = URI.create(origin() + path);
        Map<String, String> signed = Map.of("host", hostHeader(uri), "x-amz-content-sha256",
                SigV4Signer.UNSIGNED_PAYLOAD, "x-amz-date", date);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Authorization", signer.authorization(method, path, query, signed, SigV4Signer.UNSIGNED_PAYLOAD, now));
        out.put("x-amz-content-sha256", SigV4Signer.UNSIGNED_PAYLOAD);
        out.put("x-amz-date", date);
        return out;
    }

    /**
     * Sends one signed request; the answer's body is left for the caller. A request without a large body must be
     * answered within the read timeout; one with {@code progress} may take as long as its body keeps moving,
     * and fails when the server leaves it idle (takes no bytes, or does not answer after the last) that long.
     */
    Response exchange(String method, String key, Map<String, String> query, Map<String, String> headers,
            BodyPublisher body, UploadProgress progress) {
        Instant now = Instant.now();
        String path = path(key);
        URI uri = URI.create(origin() + path + (query.isEmpty() ? "" : "?" + SigV4Signer.canonicalQuery(query)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? BodyPublishers.noBody() : body);
        signedHeaders(method, path, query, now).forEach(request::header);
        if (progress == null) {
            request.timeout(config.readTimeout());
        }
        headers.forEach(request::header);
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = progress == null
                    ? http.send(request.build(), BodyHandlers.ofPublisher())
                    : watched(http.sendAsync(request.build(), BodyHandlers.ofPublisher()), progress);
            ResponseBodyStream stream = new ResponseBodyStream(config.readTimeout(), "the S3 store at " + server);
            response.body().subscribe(stream);
            return new Response(response.statusCode(), response.headers(), stream);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while talking to the S3 store at " + server, e);
        }
    }

    /** Waits for the answer to an upload, giving up (and aborting it) once its body sat idle too long. */
    private <T> HttpResponse<T> watched(CompletableFuture<HttpResponse<T>> answer, UploadProgress progress)
            throws IOException, InterruptedException {
        long idleLimit = config.readTimeout().toNanos();
        while (true) {
            try {
                return answer.get(Math.min(250, config.readTimeout().toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (progress.idleNanos() > idleLimit) {
                    answer.cancel(true);
                    throw new HttpTimeoutException("no progress for " + config.readTimeout().toSeconds() + " s");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                answer.cancel(true);
                throw e;
            }
        }
    }

    private String origin() {
        URI endpoint = config.endpoint();
        String authority = endpoint.getRawAuthority();
        return endpoint.getScheme() + "://" + (virtualHosted ? config.bucket() + "." + authority : authority);
    }

    private String path(String key) {
        String base = config.endpoint().getRawPath() == null ? "" : config.endpoint().getRawPath();
        String bucketPath = virtualHosted ? base : base + "/" + SigV4Signer.uriEncode(config.bucket(), true);
        if (key == null) {
            return bucketPath.isEmpty() ? "/" : bucketPath;
        }
        return bucketPath + "/" + SigV4Signer.uriEncode(key, false);
    }

    /** The Host header exactly as the JDK client writes it: the port only when it is not the scheme's default. */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        int defaultPort = uri.getScheme().equals("https") ? 443 : 80;
        return port == -1 || port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** Aborts what is still in flight: the store is not used after it is closed. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
