package org.glancej.imports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.glancej.auth.RequestContext;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageDao;
import org.glancej.images.data.DataIngest;
import org.glancej.imports.source.ImportSourceException;
import org.glancej.imports.source.ImportSources;
import org.glancej.imports.source.RemoteImage;
import org.glancej.imports.source.SourceData;
import org.glancej.store.StoreException;
import org.glancej.store.StoreRegistry;
import org.glancej.tasks.TaskProgress;

/**
 * web-download and glance-download as upstream runs them: the source's data is streamed into the staging store
 * (the guarded reader checks every hop and caps the size as it reads), then the import goes on as for
 * glance-direct, plugins included. A fetch that fails leaves nothing staged.
 */
public final class FetchedSource implements ImportSource {
    /** Opens the data an import request names; the caller closes it. */
    @FunctionalInterface
    public interface Opener {
        SourceData open(RequestContext caller, Image image, ImportRequest request) throws ImportSourceException;
    }

    private final StoreRegistry stores;
    private final Opener opener;

    public FetchedSource(StoreRegistry stores, Opener opener) {
        this.stores = requireNonNull(stores, "stores is null");
        this.opener = requireNonNull(opener, "opener is null");
    }

    /** web-download: the request's {@code uri}. */
    public static FetchedSource webDownload(StoreRegistry stores, ImportSources sources) {
        return new FetchedSource(stores, (caller, image, request) -> sources.openWebDownload(request.uri().orElseThrow(
                () -> GlanceException.badRequest("URI for web-download does not pass filtering: None"))));
    }

    /**
     * glance-download: the other region's image, found through the catalog with the caller's token; its formats
     * and the properties {@code [glance_download_properties] extra_properties} selects are set on the image
     * before its data is read, as upstream does.
     */
    public static FetchedSource glanceDownload(StoreRegistry stores, ImportSources sources, ImageDao dao,
            Clock clock) {
        return new FetchedSource(stores, (caller, image, request) -> {
            JsonNode method = request.methodNode();
            RemoteImage remote = sources.describeGlanceImage(caller.authToken(), method.path("glance_region").asText(),
                    method.path("glance_service_interface").asText("public"),
                    method.path("glance_image_id").asText());
            ImportedMetadata.save(dao, clock, image.id(), Optional.ofNullable(remote.diskFormat()),
                    Optional.ofNullable(remote.containerFormat()), remote.properties());
            return sources.openGlanceImage(caller.authToken(), remote);
        });
    }

    @Override
    public ImportData prepare(RequestContext caller, Image image, ImportRequest request, TaskProgress progress) {
        StagedData staged = StagedData.of(stores, image.id());
        var staging = StagedData.stagingStore(stores).orElseThrow();
        try (SourceData source = opener.open(caller, image, request)) {
            progress.phase("downloading", source.size());
            staging.store().add(image.id(), progress.counting(source.stream()), source.size());
        } catch (IOException | RuntimeException e) {
            staged.discard();
            ImportSourceException why = ImportSourceException.in(e).orElse(null);
            if (why != null) {
                throw GlanceException.badRequest(why.getMessage());
            }
            if (e instanceof StoreException failed) {
                // the staging store's own failure (full, unavailable), worded as a stage's would be
                throw DataIngest.translated(failed, staging.id());
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return staged;
    }
}
