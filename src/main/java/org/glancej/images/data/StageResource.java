package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.http.Endpoint;
import org.glancej.http.Json;
import org.glancej.http.RequestBody;
import org.glancej.http.RequestContexts;
import org.glancej.images.ImageIds;

/**
 * {@code PUT /v2/images/{id}/stage} (API reference: Interoperable image import — Stage binary image data), and
 * ours beyond upstream: a {@code Content-Range: bytes N-M/T} PUT continues an interrupted stage from byte N, and
 * {@code HEAD}/{@code GET} tell how many bytes are held ({@code Upload-Offset}) of how many ({@code
 * Upload-Length}), live while data arrives.
 */
public final class StageResource implements HttpService {
    private static final HeaderName UPLOAD_OFFSET = HeaderNames.create(DataIngest.UPLOAD_OFFSET);
    private static final HeaderName UPLOAD_LENGTH = HeaderNames.create("Upload-Length");

    private final StageService stages;

    public StageResource(StageService stages) {
        this.stages = requireNonNull(stages, "stages is null");
    }

    @Override
    public void routing(HttpRules rules) {
        Endpoint.at("/v2/images/{id}/stage").put(this::stage).get(this::progress)
                .bodyless(Method.HEAD, this::progress).register(rules);
    }

    private void stage(ServerRequest req, ServerResponse res) {
        if (!stages.glanceDirectEnabled()) {
            throw GlanceException.notFound("'glance-direct' method is not available at this site.");
        }
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE)
                .map(value -> value.split(";")[0].strip());
        if (!contentType.orElse("").equalsIgnoreCase("application/octet-stream")) {
            throw new GlanceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Invalid content type " + contentType.orElse("None"));
        }
        OptionalLong declared = ImageDataResource.declaredSize(req);
        OptionalLong contentLength = req.headers().contentLength();
        Optional<StageRange> range = req.headers().first(HeaderNames.CONTENT_RANGE).map(StageRange::parse);
        if (range.isPresent() && (contentLength.isEmpty() || contentLength.getAsLong() != range.get().length())) {
            throw GlanceException.badRequest("A stage part needs a Content-Length of exactly the "
                    + range.get().length() + " bytes its Content-Range names.");
        }
        // upstream reads a zero Content-Length as no size given
        OptionalLong announced = declared.isPresent() ? declared
                : contentLength.isPresent() && contentLength.getAsLong() > 0 ? contentLength : OptionalLong.empty();
        long held;
        try (RequestBody body = RequestBody.of(req, res)) {
            held = stages.stage(RequestContexts.of(req), id(req), body, announced, range);
        }
        if (range.isPresent()) {
            res.header(UPLOAD_OFFSET, Long.toString(held));
        }
        res.status(204).send();
    }

    private void progress(ServerRequest req, ServerResponse res) {
        StageService.StageProgress progress = stages.progress(RequestContexts.of(req), id(req));
        res.header(UPLOAD_OFFSET, Long.toString(progress.held()));
        progress.total().ifPresent(total -> res.header(UPLOAD_LENGTH, Long.toString(total)));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("bytes_held", progress.held());
        if (progress.total().isPresent()) {
            body.put("bytes_total", progress.total().getAsLong());
        } else {
            body.putNull("bytes_total");
        }
        body.put("receiving", progress.receiving());
        body.put("complete", progress.complete());
        if (req.prologue().method() == Method.HEAD) {
            res.status(200).send();
            return;
        }
        Json.send(res, 200, body);
    }

    private static String id(ServerRequest req) {
        return ImageIds.canonical(req.path().pathParameters().get("id"));
    }
}
