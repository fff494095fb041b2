package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glancej.store.PlainObjectRead;
import org.glancej.store.PlainObjectWrite;
import org.glancej.store.ResponseBodyStream;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * The Swift operations the store needs on one account, over the JDK's HTTP client with the token of a
 * {@link SwiftAuth}; a refused token is renewed once. Failures come out as {@link StoreException}s naming the
 * authentication address (never credentials): 404 as {@code NOT_FOUND} where the caller cares, 413 as
 * {@code STORAGE_FULL}, anything else and an unreachable server as {@code UNAVAILABLE}.
 */
final class SwiftAccount {
    private static final int LISTING_LIMIT = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final SwiftAuth auth;
    private final Duration timeout;

    /** What a HEAD of an object tells: its size and whether it is a large object's manifest. */
    record ObjectInfo(long size, Optional<String> dloManifest, boolean slo) {}

    SwiftAccount(HttpClient http, SwiftAuth auth, Duration timeout) {
        this.http = requireNonNull(http, "http is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    String server() {
        return auth.server();
    }

    SwiftAuth auth() {
        return auth;
    }

    /** Authenticates now; {@link SwiftAuth.CredentialsRejected} when the credentials are refused. */
    void checkCredentials() {
        auth.session(false);
    }

    /** A listing of one name, not a HEAD: Swift answers that 204 with a chunked body, which the JDK refuses. */
    boolean containerExists(String container) {
        HttpResponse<Void> response = send("GET", path(container, null, "limit=1&format=json"), Map.of(), null,
                BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return false;
        }
        expectSuccess(response, "find the container " + container);
        return true;
    }

    /** Sets container metadata (e.g. {@code X-Container-Read}); {@code NOT_FOUND} when the container is missing. */
    void updateContainer(String container, Map<String, String> headers) {
        HttpResponse<Void> response = send("POST", path(container, null, ""), headers, BodyPublishers.noBody(),
                BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            throw new StoreException(Reason.NOT_FOUND, "Swift could not find the container of the image");
        }
        expectSuccess(response, "update the container " + container);
    }

    void createContainer(String container) {
        expectSuccess(send("PUT", path(container, null, ""), Map.of(), BodyPublishers.noBody(),
                BodyHandlers.discarding()), "create the container " + container);
    }

    Optional<ObjectInfo> head(String container, String object) {
        HttpResponse<Void> response = send("HEAD", path(container, object, ""), Map.of(), null, BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, "read the size of image data");
        var headers = response.headers();
        return Optional.of(new ObjectInfo(headers.firstValueAsLong("Content-Length").orElse(0),
                headers.firstValue("X-Object-Manifest"),
                headers.firstValue("X-Static-Large-Object").filter("true"::equalsIgnoreCase).isPresent()));
    }

    /**
     * Streams {@code body} into an object: exactly {@code length} bytes, or with {@code length} -1 chunked until
     * the stream ends. A failure of {@code body} itself is rethrown as it was thrown. Over plain HTTP the data goes
     * from the calling thread straight to the socket ({@link PlainObjectWrite}), else through the JDK client.
     */
    void put(String container, String object, InputStream body, long length, Map<String, String> headers) {
        if (plain(session(false))) {
            plainPut(path(container, object, ""), body, length, headers);
            return;
        }
        SourceStream source = new SourceStream(body);
        BodyPublisher publisher = length == 0 ? BodyPublishers.noBody()
                : length > 0 ? BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> source), length)
                : BodyPublishers.ofInputStream(() -> source);
        HttpResponse<Void> response;
        try {
            response = send("PUT", path(container, object, ""), headers, publisher, BodyHandlers.discarding(), source);
        } catch (StoreException e) {
            source.rethrowFailure();
            throw e;
        }
        source.rethrowFailure();
        expectSuccess(response, "write image data");
    }

    /**
     * Opens the bytes from {@code offset}, {@code length} of them or with -1 all; NOT_FOUND when missing, an empty
     * stream when {@code offset} is at or past the end (Swift's 416). The body fails a read when Swift sends
     * nothing for the read timeout (the JDK client's own body streams wait forever). Over plain HTTP a 200/206
     * framed by Content-Length is read straight from its socket ({@link PlainObjectRead}); other answers (errors,
     * a refused token, other framings) and TLS go through the JDK client.
     */
    InputStream get(String container, String object, long offset, long length) {
        String range = length < 0 ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + (offset + length - 1);
        Map<String, String> headers = offset == 0 && length < 0 ? Map.of() : Map.of("Range", range);
        Optional<PlainObjectRead> plain = plainGet(path(container, object, ""), headers);
        if (plain.isPresent()) {
            return plain.get();
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send("GET", path(container, object, ""), headers,
                null, BodyHandlers.ofPublisher());
        ResponseBodyStream body = new ResponseBodyStream(timeout, "Swift at " + server());
        response.body().subscribe(body);
        int status = response.statusCode();
        if (status / 100 != 2) {
            body.close();
        }
        if (status == 404) {
            throw new StoreException(Reason.NOT_FOUND, "Image data not found in Swift at " + server());
        }
        if (status == 416) {
            return InputStream.nullInputStream();
        }
        expectSuccess(response, "read image data");
        return body;
    }

    private Optional<PlainObjectRead> plainGet(String path, Map<String, String> headers) {
        SwiftAuth.Session session = session(false);
        if (!plain(session)) {
            return Optional.empty();
        }
        try {
            return PlainObjectRead.open(URI.create(session.storageUrl() + path), withToken(headers, session),
                    http.connectTimeout().orElse(timeout), timeout, "Swift at " + server());
        } catch (IOException e) {
            throw unavailable(session, e);
        }
    }

    /** A PUT on a socket of its own; a refused token is renewed and the PUT sent again if no data went yet. */
    private void plainPut(String path, InputStream body, long length, Map<String, String> headers) {
        boolean renew = false;
        while (true) {
            SwiftAuth.Session session = session(renew);
            PlainObjectWrite.Answer answer;
            try {
                answer = PlainObjectWrite.send("PUT", URI.create(session.storageUrl() + path),
                        withToken(headers, session), body, length, http.connectTimeout().orElse(timeout), timeout,
                        "Swift at " + server());
            } catch (IOException e) {
                throw unavailable(session, e);
            }
            if (answer.status() != 401 || renew || answer.bytesSent() > 0) {
                expectSuccess(answer.status(), "write image data");
                return;
            }
            renew = true;
        }
    }

    private static boolean plain(SwiftAuth.Session session) {
        return session.storageUrl().regionMatches(true, 0, "http:", 0, 5);
    }

    private static Map<String, String> withToken(Map<String, String> headers, SwiftAuth.Session session) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-Auth-Token", session.token());
        return all;
    }

    private static StoreException unavailable(SwiftAuth.Session session, IOException e) {
        return new StoreException(Reason.UNAVAILABLE, "Swift at " + session.storageUrl() + " failed: " + describe(e), e);
    }

    /** Deletes an object; false when it was not there. */
    boolean delete(String container, String object, String query) {
        HttpResponse<Void> response = send("DELETE", path(container, object, query), Map.of(), null,
                BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return false;
        }
        expectSuccess(response, "delete image data");
        return true;
    }

    /** The names of the container's objects starting with {@code prefix}; none when the container is missing. */
    List<String> list(String container, String prefix) {
        List<String> names = new ArrayList<>();
        String marker = "";
        while (true) {
            // JSON: an empty plain-text listing is a 204 with a chunked body, which the JDK refuses
            String query = "format=json&prefix=" + SwiftLocation.quote(prefix) + "&limit=" + LISTING_LIMIT
                    + (marker.isEmpty() ? "" : "&marker=" + SwiftLocation.quote(marker));
            HttpResponse<byte[]> response = send("GET", path(container, null, query), Map.of(), null,
                    BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return names;
            }
            expectSuccess(response, "list the container " + container);
            List<String> page = names(response.body());
            names.addAll(page);
            if (page.size() < LISTING_LIMIT) {
                return names;
            }
            marker = page.getLast();
        }
    }

    private List<String> names(byte[] listing) {
        try {
            List<String> page = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(listing)) {
                // a subdir entry (with a delimiter) has no name; none is asked for
                if (entry.hasNonNull("name")) {
                    page.add(entry.get("name").asText());
                }
            }
            return page;
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Swift at " + server() + " answered a listing that is not JSON");
        }
    }

    private <T> HttpResponse<T> send(String method, String path, Map<String, String> headers, BodyPublisher body,
            BodyHandler<T> handler) {
        return send(method, path, headers, body, handler, null);
    }

    /** One request; a refused token is renewed and the request sent again if its body was not sent yet. */
    private <T> HttpResponse<T> send(String method, String path, Map<String, String> headers, BodyPublisher body,
            BodyHandler<T> handler, SourceStream source) {
        boolean renew = false;
        while (true) {
            SwiftAuth.Session session = session(renew);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(session.storageUrl() + path))
                    .method(method, body == null ? BodyPublishers.noBody() : body)
                    .header("X-Auth-Token", session.token());
            if (source == null) {
                request.timeout(timeout); // an upload takes as long as its client sends
            } else {
                request.expectContinue(true); // a refused token is answered before the data is sent
            }
            headers.forEach(request::header);
            HttpResponse<T> response;
            try {
                response = source == null ? http.send(request.build(), handler)
                        : watched(http.sendAsync(request.build(), handler), source);
            } catch (IOException e) {
                throw unavailable(session, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(Reason.UNAVAILABLE, "Interrupted while talking to Swift", e);
            }
            boolean replayable = source == null || source.bytesRead() == 0;
            if (response.statusCode() != 401 || renew || !replayable) {
                return response;
            }
            if (response.body() instanceof Flow.Publisher<?> publisher) {
                publisher.subscribe(new DiscardingSubscriber());
            }
            renew = true;
        }
    }

    /** Waits for the answer to an upload, giving up (and aborting it) once its data sat idle too long. */
    private <T> HttpResponse<T> watched(CompletableFuture<HttpResponse<T>> answer, SourceStream source)
            throws IOException, InterruptedException {
        while (true) {
            try {
                return answer.get(Math.min(250, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (source.idleNanos() > timeout.toNanos()) {
                    answer.cancel(true);
                    throw new HttpTimeoutException("no progress for " + timeout.toSeconds() + " s");
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

    private SwiftAuth.Session session(boolean renew) {
        try {
            return auth.session(renew);
        } catch (SwiftAuth.CredentialsRejected e) {
            throw new StoreException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private void expectSuccess(HttpResponse<?> response, String what) {
        expectSuccess(response.statusCode(), what);
    }

    private void expectSuccess(int status, String what) {
        if (status / 100 == 2) {
            return;
        }
        Reason reason = status == 413 || status == 507 ? Reason.STORAGE_FULL : Reason.UNAVAILABLE;
        throw new StoreException(reason, "Swift at " + server() + " could not " + what + ": HTTP " + status);
    }

    private static String path(String container, String object, String query) {
        String p = "/" + SwiftLocation.quote(container) + (object == null ? "" : "/" + SwiftLocation.quote(object));
        return query.isEmpty() ? p : p + "?" + query;
    }

    /** Takes an unwanted body's subscription and cancels it, which frees the connection. */
    private static final class DiscardingSubscriber implements Flow.Subscriber<Object> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(Object item) {}

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    }

    /** A failure's cause in a few words, without a stack trace. */
    static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            return e.getMessage() != null && e.getMessage().startsWith("no progress") ? e.getMessage()
                    : "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
