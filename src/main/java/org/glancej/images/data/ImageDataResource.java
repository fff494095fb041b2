package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.common.GlanceException;
import org.glancej.common.ErrorKind;
import org.glancej.http.Endpoint;
import org.glancej.http.SocketBodies;
import org.glancej.http.RequestBody;
import org.glancej.auth.RequestContext;
import org.glancej.http.RequestContexts;
import org.glancej.images.Image;
import org.glancej.images.ImageIds;
import org.glancej.store.FileRegion;

/** {@code PUT|GET /v2/images/{id}/file} (API reference: Image data — upload and download binary image data). */
public final class ImageDataResource implements HttpService {
    /** Each write goes to the socket whole: half a megabyte per system call measured 1.6 times the download rate of 128 KiB. */
    private static final io.helidon.http.HeaderName CONTENT_MD5 = HeaderNames.create("Content-MD5");
    private static final io.helidon.http.HeaderName IMAGE_SIZE = HeaderNames.create("x-openstack-image-size");
    private static final io.helidon.http.HeaderName IMAGE_STORE = HeaderNames.create("X-Image-Meta-Store");

    private final ImageDataService data;

    public ImageDataResource(ImageDataService data) {
        this.data = requireNonNull(data, "data is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/file").put(this::upload).get(this::download).register(rules);
        Endpoint.at("/v2/stores/{store}/{id}").delete(this::deleteFromStore).register(rules);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE)
                .map(value -> value.split(";")[0].strip());
        if (!contentType.orElse("").equalsIgnoreCase("application/octet-stream")) {
            // upstream's InvalidContentType, shown as the 415's detail; Python prints a missing type as None
            throw new GlanceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Invalid content type " + contentType.orElse("None"));
        }
        OptionalLong declaredSize = declaredSize(req);
        try (RequestBody body = RequestBody.of(req, res)) {
            data.upload(RequestContexts.of(req), id(req), body, req.headers().contentLength(), declaredSize,
                    req.headers().first(IMAGE_STORE).map(String::strip));
        }
        res.status(204).send();
    }

    private void download(ServerRequest req, ServerResponse res) {
        RequestContext ctx = RequestContexts.of(req);
        Image image = data.downloadable(ctx, id(req));
        Optional<String> range = req.headers().first(HeaderNames.RANGE);
        Optional<String> legacyRange = req.headers().first(HeaderNames.CONTENT_RANGE);
        long size = image.size() == null ? 0 : image.size();
        if (image.locations().isEmpty() || image.size() == null) {
            if (range.isPresent() || legacyRange.isPresent()) {
                throw ByteRange.unsatisfiable();
            }
            res.status(204).send();
            return;
        }
        Optional<ByteRange> slice = range.isPresent() ? ByteRange.fromRangeHeader(range.get(), size)
                : legacyRange.flatMap(h -> ByteRange.fromContentRangeHeader(h, size));
        long offset = slice.map(ByteRange::start).orElse(0L);
        long length = slice.map(ByteRange::length).orElse(size);
        Optional<FileRegion> region = data.openRegion(image, offset, length);
        if (region.isPresent()) {
            try (FileRegion file = region.get()) {
                startDownload(res, image, slice, size, length);
                SocketBodies.send(req, res, file.channel(), file.position(), file.count());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = data.open(image, offset, length, ctx.storeCaller()).orElseThrow()) {
            startDownload(res, image, slice, size, length);
            SocketBodies.send(req, res, in, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void startDownload(ServerResponse res, Image image, Optional<ByteRange> slice, long size,
            long length) {
        res.status(slice.isPresent() ? 206 : 200);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        if (image.checksum() != null) {
            res.header(CONTENT_MD5, image.checksum());
        }
        slice.ifPresent(s -> res.header(HeaderNames.CONTENT_RANGE, s.contentRange(size)));
        res.contentLength(length);
    }

    /**
     * {@code x-openstack-image-size}: the image's size, which newer clients send with chunked uploads so stores
     * that must know it in advance can; not a number is upstream's 400.
     */
    static OptionalLong declaredSize(ServerRequest req) {
        Optional<String> header = req.headers().first(IMAGE_SIZE);
        if (header.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = header.get().strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw GlanceException.badRequest("Invalid or missing image size in request headers.");
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    private void deleteFromStore(ServerRequest req, ServerResponse res) {
        data.deleteFromStore(RequestContexts.of(req), req.path().pathParameters().get("store"), id(req));
        res.status(204).send();
    }

    private static String id(ServerRequest req) {
        return ImageIds.canonical(req.path().pathParameters().get("id"));
    }
}
