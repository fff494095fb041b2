package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.CheckedUrl;
import org.glancej.net.PinnedResponse;

/**
 * web-download (and the legacy tasks API's {@code import_from}): the data at a URL the client gave, checked when
 * the import is asked for and again when read.
 */
final class WebDownloadSource {
    private static final String SOURCE = "web-download source";

    private final SourceFetcher fetcher;

    WebDownloadSource(SourceFetcher fetcher) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
    }

    static final String WEB_DOWNLOAD = "URI for web-download does not pass filtering: ";
    static final String LEGACY_TASK = "URI for legacy import task does not pass filtering: ";

    /** @param refusal upstream's message for a URI the filter refuses, without the URI */
    CheckedUrl check(String uri, String refusal) throws ImportSourceException {
        return fetcher.check(uri, refusal + uri);
    }

    SourceData open(String uri, String refusal) throws ImportSourceException {
        // checked again: the name is resolved now and the connection goes to what this check saw
        CheckedUrl url = check(uri, refusal);
        PinnedResponse response = fetcher.get(url, SOURCE, Map.of());
        if (response.status() != 200) {
            throw SourceFetcher.httpError(response, SOURCE);
        }
        try {
            var length = SourceFetcher.contentLength(response);
            return new SourceData(fetcher.stream(response, SOURCE, java.util.OptionalLong.empty()), length);
        } catch (ImportSourceException e) {
            throw e;
        } catch (RuntimeException e) {
            response.close();
            throw new ImportSourceException(Reason.INVALID, "The " + SOURCE + " sent an unreadable answer", e);
        }
    }
}
