package org.glancej.images;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a request on the API node that holds an image's staged data, as upstream does when nodes do not share
 * their staging directory: the node that staged records its {@code worker_self_reference_url} (else {@code
 * public_endpoint}) as {@code os_glance_stage_host}, and the others send it the caller's request with the
 * caller's token. The stored URL is trusted (only nodes write it), but only http(s) is spoken and redirects are
 * never followed.
 */
public final class StageHostProxy {
    /** Upstream's reserved properties naming the node to proxy to, in the order it looks at them. */
    public static final List<String> HOST_PROPERTIES = List.of("os_glance_stage_host", "os_glance_hash_op_host");
    /** Upstream's timeout for the whole replayed request. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * What a replayed request carries in {@code Via} (HTTP's header for forwarded requests), so that a node whose
     * own URL is spelled differently from the one recorded never sends it on again, in a loop.
     */
    public static final String VIA = "1.1 glance-stage-host-proxy";

    private static final Logger LOG = LoggerFactory.getLogger(StageHostProxy.class);
    private static final String REQUEST_ID = "x-openstack-request-id";
    private static final int MAX_ANSWER_BODY = 64 * 1024;

    private final Optional<String> selfUrl;
    private final Duration timeout;
    private final HttpClient client;

    /** @param selfUrl this node's own URL as it records it on what it stages, if any */
    public StageHostProxy(Optional<String> selfUrl, Duration timeout) {
        this.selfUrl = requireNonNull(selfUrl, "selfUrl is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        // HTTP/1.1 as upstream's nodes speak it, without an h2c upgrade attempt
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /** Whether a request with these {@code Via} values was replayed here by another node. */
    public static boolean isReplayed(List<String> via) {
        return via.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("glance-stage-host-proxy"));
    }

    /** The node to replay requests about this image on: a recorded host other than this node's own URL. */
    public Optional<String> remoteHost(Image image) {
        for (String key : HOST_PROPERTIES) {
            String host = image.properties().get(key);
            if (host != null && !host.isEmpty() && !selfUrl.equals(Optional.of(host))) {
                return Optional.of(host);
            }
        }
        return Optional.empty();
    }

    /**
     * Sends {@code method path} to {@code host} on the caller's behalf: its token, this JSON body if any, and the
     * given extra headers.
     *
     * @return the request id the host answered with, if any, which becomes the client's
     * @throws GlanceException with the host's status (and request id) when it refused; 504 "Stage host is
     *     unavailable" when it cannot be reached, 502 for any other failure to get an answer (upstream's codes)
     */
    public Optional<String> replay(String host, String method, String path, RequestContext ctx,
            Optional<JsonNode> body, Map<String, String> headers) {
        URI uri = target(host, path);
        LOG.info("proxying {} {} to the stage host {}", method, path, host);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .method(method, body.map(b -> HttpRequest.BodyPublishers.ofString(b.toString()))
                        .orElseGet(HttpRequest.BodyPublishers::noBody));
        body.ifPresent(b -> request.header("Content-Type", "application/json"));
        if (ctx.authToken() != null) {
            request.header("X-Auth-Token", ctx.authToken());
        }
        headers.forEach(request::header);
        request.header("Via", VIA);
        HttpResponse<byte[]> response = send(request.build(), uri);
        Optional<String> requestId = response.headers().firstValue(REQUEST_ID).filter(s -> !s.isBlank());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return requestId;
        }
        String explanation = StageHostAnswers.explanation(status, response.body());
        if (status / 100 == 3) {
            LOG.warn("the stage host {} answered {} {} with a redirect ({}), which is not followed", host, method,
                    path, status);
            throw new GlanceException(ErrorKind.BAD_GATEWAY, "Stage host is unavailable", requestIdHeader(requestId),
                    null);
        }
        ErrorKind kind = ErrorKind.ofStatus(status).orElse(ErrorKind.BAD_GATEWAY);
        String message = kind.status() == status ? explanation : "Stage host answered " + status + ": " + explanation;
        throw new GlanceException(kind, message, requestIdHeader(requestId), null);
    }

    private URI target(String host, String path) {
        String scheme = host.contains("://") ? host.substring(0, host.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        try {
            if (scheme.equals("http") || scheme.equals("https")) {
                URI uri = new URI(host + path);
                if (uri.getHost() != null) {
                    return uri;
                }
            }
        } catch (URISyntaxException e) {
            // refused below, as upstream's requests refuses a URL it cannot use
        }
        LOG.warn("os_glance_stage_host {} is not an http(s) URL: not proxying to it", host);
        throw new GlanceException(ErrorKind.BAD_GATEWAY, "Stage host is unavailable");
    }

    private static GlanceException unavailable(ErrorKind kind, URI uri, Throwable e) {
        LOG.warn("failed to proxy to {}: {}", uri, e.getMessage() == null ? e.getClass().getSimpleName() : e);
        return new GlanceException(kind, "Stage host is unavailable");
    }

    private static Map<String, String> requestIdHeader(Optional<String> requestId) {
        return requestId.map(id -> Map.of(REQUEST_ID, id)).orElse(Map.of());
    }

    /** The whole exchange, body included, within the timeout (a request's own timeout ends at the headers). */
    private HttpResponse<byte[]> send(HttpRequest request, URI uri) {
        var answer = client.sendAsync(request,
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_ANSWER_BODY));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw unavailable(ErrorKind.BAD_GATEWAY, uri, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(ErrorKind.BAD_GATEWAY, uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                throw unavailable(ErrorKind.GATEWAY_TIMEOUT, uri, cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw unavailable(ErrorKind.BAD_GATEWAY, uri, cause);
            }
            if (cause instanceof IOException) {
                // a connection dropped or reset mid-way: upstream's requests calls that a connection error too
                throw unavailable(ErrorKind.GATEWAY_TIMEOUT, uri, cause);
            }
            throw unavailable(ErrorKind.BAD_GATEWAY, uri, cause);
        }
    }
}
