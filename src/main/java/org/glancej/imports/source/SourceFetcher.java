package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.CheckedUrl;
import org.glancej.net.HostResolver;
import org.glancej.net.PinnedHttpClient;
import org.glancej.net.PinnedResponse;
import org.glancej.net.RedirectingFetch;
import org.glancej.net.UrlGuard;
import org.glancej.net.UrlRefusedException;

/**
 * GET over the guarded, pinned client for both sources: the URL and each redirect checked, certificates verified
 * against the JDK's trusted CAs, transport failures turned into {@link ImportSourceException}s that name the
 * source.
 */
final class SourceFetcher {
    /** As many redirects as upstream's urllib follows. */
    static final int MAX_REDIRECTS = 10;

    private final ImportSourceConfig config;
    private final UrlGuard guard;
    private final RedirectingFetch fetch;

    SourceFetcher(ImportSourceConfig config, HostResolver resolver) {
        this.config = requireNonNull(config, "config is null");
        this.guard = new UrlGuard(config.filter(), resolver);
        PinnedHttpClient client;
        try {
            client = new PinnedHttpClient(SSLContext.getDefault().getSocketFactory(), true, config.connectTimeout(),
                    config.readTimeout(), "glance-java-import");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
        this.fetch = new RedirectingFetch(guard, client, MAX_REDIRECTS);
    }

    ImportSourceConfig config() {
        return config;
    }

    /** The URL checked now (its host resolved now); {@code refusal} is the message when it does not pass. */
    CheckedUrl check(String url, String refusal) throws ImportSourceException {
        try {
            return guard.check(url);
        } catch (UrlRefusedException e) {
            throw new ImportSourceException(Reason.REFUSED, refusal, e);
        }
    }

    /**
     * The final answer to a GET; the caller closes it.
     *
     * @param source what messages call the source
     * @param originHeaders header fields sent to the URL's own origin only (a token)
     */
    PinnedResponse get(CheckedUrl url, String source, Map<String, String> originHeaders) throws ImportSourceException {
        try {
            return fetch.fetch(url, "GET", Map.of(), originHeaders);
        } catch (UrlRefusedException e) {
            throw new ImportSourceException(Reason.REFUSED, "Redirect to disallowed URL: " + e.getMessage(), e);
        } catch (RedirectingFetch.TooManyRedirectsException e) {
            throw new ImportSourceException(Reason.INVALID, "The " + source + " exceeded " + MAX_REDIRECTS
                    + " maximum redirects", e);
        } catch (IOException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, "The " + source + " at " + url.hostHeader() + " "
                    + what(e), e);
        }
    }

    /** The body as the import reads it; the response's Content-Length is checked against the cap first. */
    SourceStream stream(PinnedResponse response, String source, OptionalLong expected) throws ImportSourceException {
        OptionalLong length = contentLength(response);
        if (length.isPresent() && length.getAsLong() > config.imageSizeCap()) {
            response.close();
            throw new ImportSourceException(Reason.TOO_LARGE, "The provided image is too large.");
        }
        return new SourceStream(response.body(), source, config.imageSizeCap(), expected, config.readTimeout());
    }

    static OptionalLong contentLength(PinnedResponse response) {
        try {
            return response.header("content-length").map(v -> OptionalLong.of(Long.parseLong(v.strip())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the client refused a malformed one before the head was returned
        }
    }

    /** An answer that is not the data: the status in urllib's words, as upstream's task message shows it. */
    static ImportSourceException httpError(PinnedResponse response, String source) {
        response.close();
        int status = response.status();
        Reason reason = status == 404 || status == 410 ? Reason.NOT_FOUND
                : status / 100 == 5 || status == 408 || status == 429 ? Reason.UNAVAILABLE : Reason.INVALID;
        return new ImportSourceException(reason, "HTTP Error " + status + " from the " + source);
    }

    private String what(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect")
                    ? "could not be reached: no connection within " + config.connectTimeout().toSeconds() + " seconds"
                    : "did not answer within " + config.readTimeout().toSeconds() + " seconds";
        }
        if (e instanceof ConnectException || e instanceof java.net.NoRouteToHostException) {
            return "could not be reached: the connection was refused";
        }
        if (e instanceof SSLException) {
            return "could not be reached: TLS failed (" + e.getMessage() + ")";
        }
        return "answered in a way that cannot be read: " + e.getMessage();
    }
}
