package org.glancej.store.http;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancej.net.CheckedUrl;
import org.glancej.net.HostResolver;
import org.glancej.net.PinnedHttpClient;
import org.glancej.net.PinnedResponse;
import org.glancej.net.RedirectingFetch;
import org.glancej.net.UrlGuard;
import org.glancej.net.UrlRefusedException;
import org.glancej.store.ImageStore;
import org.glancej.store.LimitedInputStream;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Read-only: serves image data that stays on a web server, at the http(s) location a client gave. Every URL,
 * and every redirect on the way (at most {@value #MAX_REDIRECTS}), passes the {@link UrlGuard} first, and
 * the connection goes only to the addresses it checked. Ranges are asked of the server; one that answers with
 * the whole data is read from the offset on.
 */
public final class HttpStore implements ImageStore {
    static final int MAX_REDIRECTS = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final UrlGuard guard;
    private final RedirectingFetch fetch;

    public HttpStore(HttpStoreConfig config, HostResolver resolver) {
        requireNonNull(config, "config is null");
        this.guard = new UrlGuard(config.filter(), resolver);
        this.fetch = new RedirectingFetch(guard, new PinnedHttpClient(TlsSockets.factory(config),
                config.verifiesCertificates(), config.connectTimeout(), config.readTimeout(), "glance-java-http-store"),
                MAX_REDIRECTS);
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public StoreCapabilities capabilities() {
        return StoreCapabilities.readOnly(true);
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        throw new StoreException(Reason.READ_ONLY, "The http store is read-only: it cannot store image data");
    }

    @Override
    public void delete(String locationUrl) {
        throw new StoreException(Reason.READ_ONLY, "The http store is read-only: it cannot delete image data");
    }

    @Override
    public boolean owns(String locationUrl) {
        String lower = locationUrl == null ? "" : locationUrl.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Checks a URL as {@link #get} and {@link #size} will, without fetching it; for callers about to store it. */
    public CheckedUrl check(String locationUrl) {
        return checked(locationUrl);
    }

    @Override
    public long size(String locationUrl) {
        try (PinnedResponse head = fetch(locationUrl, "HEAD", null)) {
            if (head.status() / 100 == 2 && head.header("content-length").isPresent()) {
                return length(head.header("content-length").get());
            }
            if (head.status() != 405 && head.status() != 501 && head.status() / 100 != 2) {
                throw failure(head.status());
            }
        }
        // no HEAD, or no length in its answer: ask for the first byte, whose answer tells the total
        try (PinnedResponse first = fetch(locationUrl, "GET", "bytes=0-0")) {
            if (first.status() == 206) {
                Matcher range = contentRange(first);
                if (!range.group(3).equals("*")) {
                    return Long.parseLong(range.group(3));
                }
            } else if (first.status() == 200 && first.header("content-length").isPresent()) {
                return length(first.header("content-length").get());
            } else if (first.status() / 100 != 2) {
                throw failure(first.status());
            }
        }
        throw new StoreException(Reason.BAD_LOCATION, "The HTTP server does not tell the size of the image data");
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        if (offset < 0 || length < 0 && length != TO_END) {
            throw new IllegalArgumentException("negative offset or length");
        }
        boolean whole = offset == 0 && length == TO_END;
        String range = whole ? null : "bytes=" + offset + "-" + (length == TO_END ? "" : offset + length - 1);
        if (length == 0) {
            checked(locationUrl);
            return InputStream.nullInputStream();
        }
        PinnedResponse response = fetch(locationUrl, "GET", range);
        try {
            return switch (response.status()) {
                case 200 -> {
                    response.body().skipNBytes(offset); // the server ignored the range
                    yield LimitedInputStream.of(response.body(), length);
                }
                case 206 -> {
                    if (Long.parseLong(contentRange(response).group(1)) != offset) {
                        throw new StoreException(Reason.UNAVAILABLE,
                                "The HTTP server answered with another range than the one asked");
                    }
                    yield LimitedInputStream.of(response.body(), length);
                }
                case 416 -> {
                    response.close(); // the offset is at or past the end
                    yield InputStream.nullInputStream();
                }
                default -> throw failure(response.status());
            };
        } catch (EOFException e) {
            response.close();
            return InputStream.nullInputStream(); // the offset is past the end of the whole data
        } catch (IOException e) {
            response.close();
            throw unavailable(e);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** The final answer to the request, after redirects each checked by the guard. */
    private PinnedResponse fetch(String locationUrl, String method, String range) {
        CheckedUrl target = checked(locationUrl);
        try {
            return fetch.fetch(target, method, range == null ? Map.of() : Map.of("Range", range), Map.of());
        } catch (RedirectingFetch.TooManyRedirectsException e) {
            throw new StoreException(Reason.BAD_LOCATION, "The HTTP URL exceeded " + MAX_REDIRECTS + " maximum redirects");
        } catch (UrlRefusedException e) {
            throw refused(e, "The HTTP URL redirects to a location that is refused: ");
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private CheckedUrl checked(String locationUrl) {
        try {
            return guard.check(locationUrl);
        } catch (UrlRefusedException e) {
            throw refused(e, "The HTTP URL is refused: ");
        }
    }

    private static StoreException refused(UrlRefusedException e, String prefix) {
        Reason reason = e.kind() == UrlRefusedException.Kind.UNRESOLVED ? Reason.UNAVAILABLE : Reason.BAD_LOCATION;
        return new StoreException(reason, prefix + e.getMessage(), e);
    }

    private static StoreException failure(int status) {
        if (status == 404 || status == 410) {
            return new StoreException(Reason.NOT_FOUND, "The HTTP server has no image data at the location");
        }
        if (status / 100 == 5 || status == 408 || status == 429) {
            return new StoreException(Reason.UNAVAILABLE, "The HTTP server holding the image data answered " + status);
        }
        return new StoreException(Reason.BAD_LOCATION, "The HTTP server answered " + status + " for the image data");
    }

    private static StoreException unavailable(IOException e) {
        String why = e instanceof SocketTimeoutException ? "it did not answer in time"
                : e instanceof java.net.ConnectException ? "the connection was refused"
                : e instanceof javax.net.ssl.SSLException ? "TLS failed (" + e.getMessage() + ")"
                : String.valueOf(e.getMessage());
        return new StoreException(Reason.UNAVAILABLE, "The HTTP server holding the image data is unavailable: " + why, e);
    }

    private static Matcher contentRange(PinnedResponse response) {
        Matcher range = CONTENT_RANGE.matcher(response.header("content-range").orElse("").strip());
        if (!range.matches()) {
            response.close();
            throw new StoreException(Reason.UNAVAILABLE, "The HTTP server sent a partial answer without a valid Content-Range");
        }
        return range;
    }

    private static long length(String value) {
        try {
            long length = Long.parseLong(value.strip());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new StoreException(Reason.UNAVAILABLE, "The HTTP server sent a malformed Content-Length");
    }
}
