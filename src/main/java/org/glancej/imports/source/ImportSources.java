package org.glancej.imports.source;

import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigFile;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an import's data comes from when the service fetches it itself: web-download and glance-download. The
 * import asks {@link #checkWebDownloadUri} while answering the request, then, in its task, opens the source and
 * hands {@link SourceData#stream()} to the ingest. Every URL is checked against {@code [import_filtering_opts]}
 * and the internal-address rules ({@link org.glancej.net.UrlGuard}) when the import is asked for, when the data
 * is read and on each redirect, and connections go only to the addresses checked. See the package documentation.
 */
public final class ImportSources {
    private static final Logger LOG = LoggerFactory.getLogger(ImportSources.class);

    private final WebDownloadSource webDownload;
    private final GlanceDownloadSource glanceDownload;

    /**
     * As {@code glance-api.conf} configures them, glance-download finding endpoints in the callers' catalogs
     * ({@link GlanceEndpoints#NONE} without Keystone).
     */
    public static ImportSources from(ConfigFile conf, GlanceEndpoints endpoints) {
        return new ImportSources(ImportSourceConfig.from(conf), HostResolver.SYSTEM, endpoints);
    }

    public ImportSources(ImportSourceConfig config, HostResolver resolver, GlanceEndpoints endpoints) {
        SourceFetcher fetcher = new SourceFetcher(config, resolver);
        this.webDownload = new WebDownloadSource(fetcher);
        this.glanceDownload = new GlanceDownloadSource(fetcher, endpoints);
    }

    /**
     * For {@code POST /v2/images/{id}/import} with web-download, before the task is made.
     *
     * @throws GlanceException 400 with upstream's "URI for web-download does not pass filtering: URI"
     */
    public void checkWebDownloadUri(String uri) {
        check(uri, WebDownloadSource.WEB_DOWNLOAD);
    }

    /** The data at {@code uri}, checked again now; the caller closes it. */
    public SourceData openWebDownload(String uri) throws ImportSourceException {
        return webDownload.open(uri, WebDownloadSource.WEB_DOWNLOAD);
    }

    /**
     * For {@code POST /v2/tasks} of type import (OSSN-0105): {@code input.import_from} as upstream validates it.
     *
     * @throws GlanceException 400 with upstream's message: no URI, a file URI, another scheme than http(s), or
     *     "URI for legacy import task does not pass filtering: URI"
     */
    public void checkLegacyImportFrom(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw GlanceException.badRequest("Invalid location: " + (uri == null ? "None" : uri));
        }
        if (uri.startsWith("file:///") || uri.startsWith("filesystem:///")) {
            throw GlanceException.badRequest("File based imports are not allowed. Please use a non-local source of "
                    + "image data.");
        }
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw GlanceException.badRequest("The given uri is not valid. Please specify a valid uri from the "
                    + "following list of supported uri ['http']");
        }
        check(uri, WebDownloadSource.LEGACY_TASK);
    }

    /** The data a legacy import task reads, checked again now; the caller closes it. */
    public SourceData openLegacyImportFrom(String uri) throws ImportSourceException {
        return webDownload.open(uri, WebDownloadSource.LEGACY_TASK);
    }

    private void check(String uri, String refusal) {
        try {
            webDownload.check(uri, refusal);
        } catch (ImportSourceException e) {
            if (e.getCause() instanceof UrlRefusedException refused
                    && refused.kind() == UrlRefusedException.Kind.UNRESOLVED) {
                // as upstream: a name that does not resolve now fails the import's task, not the request (it is
                // resolved and checked again when the data is read)
                return;
            }
            LOG.info("import URI refused: {}", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            throw new GlanceException(ErrorKind.BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * The other region's image, read with the caller's token: formats, size and the properties to copy. Fails
     * unless it is {@code active} with a size.
     *
     * @param serviceInterface {@code public} unless the request named another
     */
    public RemoteImage describeGlanceImage(String token, String region, String serviceInterface, String imageId)
            throws ImportSourceException {
        return glanceDownload.describe(token, region, serviceInterface, imageId);
    }

    /** The data of an image {@link #describeGlanceImage} found; reads fail unless it has exactly its size. */
    public SourceData openGlanceImage(String token, RemoteImage image) throws ImportSourceException {
        return glanceDownload.open(token, image);
    }
}
