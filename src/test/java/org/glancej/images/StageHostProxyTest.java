package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replaying requests on a stage host, against a real HTTP server standing in for the other node. */
class StageHostProxyTest {
    private static final String SELF = "http://node-b:9292";
    private static final RequestContext CALLER = new RequestContext("caller-token", "u1", null, null, "p1", null,
            null, null, null, List.of("member"), false);

    private HttpServer host;
    private final BlockingQueue<HttpExchange> received = new LinkedBlockingQueue<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private volatile Answer answer = new Answer(202, Map.of(), "");
    private volatile Duration delay = Duration.ZERO;
    private final StageHostProxy proxy = new StageHostProxy(Optional.of(SELF), Duration.ofMillis(800));

    record Answer(int status, Map<String, String> headers, String body) {}

    @BeforeEach
    void startHost() throws IOException {
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/v2/", this::handle);
        host.createContext("/elsewhere", exchange -> {
            redirectTargetHits.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        host.start();
    }

    @AfterEach
    void stopHost() {
        host.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.setAttribute("body", body);
            received.add(exchange);
            Thread.sleep(delay.toMillis());
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + host.getAddress().getPort();
    }

    private static Image imageWith(Map<String, String> properties) {
        return new Image("6f3c2a1e-0000-4000-8000-000000000001", "t", ImageStatus.UPLOADING, Visibility.SHARED, false,
                false, null, null, null, null, null, null, "raw", "bare", 0, 0, Instant.EPOCH, Instant.EPOCH,
                properties, List.of(), List.of());
    }

    @Test
    void anImageStagedElsewhereIsProxiedAndOneStagedHereOrNowhereIsNot() {
        assertThat(proxy.remoteHost(imageWith(Map.of("os_glance_stage_host", "http://node-a:9292"))))
                .hasValue("http://node-a:9292");
        assertThat(proxy.remoteHost(imageWith(Map.of("os_glance_stage_host", SELF)))).isEmpty();
        assertThat(proxy.remoteHost(imageWith(Map.of()))).isEmpty();
        assertThat(proxy.remoteHost(imageWith(Map.of("os_glance_stage_host", "")))).isEmpty();
        assertThat(proxy.remoteHost(imageWith(Map.of("os_glance_hash_op_host", "http://node-c:9292"))))
                .hasValue("http://node-c:9292");
        // a node without a URL of its own is never the stage host
        assertThat(new StageHostProxy(Optional.empty(), StageHostProxy.TIMEOUT)
                .remoteHost(imageWith(Map.of("os_glance_stage_host", SELF)))).hasValue(SELF);
    }

    @Test
    void theRequestIsReplayedWithTheCallersTokenAndBodyAndTheHostsRequestIdComesBack() throws Exception {
        answer = new Answer(202, Map.of("x-openstack-request-id", "req-from-a"), "");

        Optional<String> requestId = proxy.replay(url(), "POST", "/v2/images/x/import", CALLER,
                Optional.of(new ObjectMapper().readTree("{\"method\": {\"name\": \"glance-direct\"}}")),
                Map.of("X-Image-Meta-Store", "fast"));

        assertThat(requestId).hasValue("req-from-a");
        HttpExchange seen = received.poll();
        assertThat(seen.getRequestMethod()).isEqualTo("POST");
        assertThat(seen.getRequestURI().getPath()).isEqualTo("/v2/images/x/import");
        assertThat(seen.getRequestHeaders().getFirst("X-Auth-Token")).isEqualTo("caller-token");
        assertThat(seen.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(seen.getRequestHeaders().getFirst("X-Image-Meta-Store")).isEqualTo("fast");
        assertThat(StageHostProxy.isReplayed(seen.getRequestHeaders().get("Via"))).isTrue();
        assertThat(new ObjectMapper().readTree((String) seen.getAttribute("body")).at("/method/name").asText())
                .isEqualTo("glance-direct");
    }

    @Test
    void aDeleteWithoutTokenSendsNoBodyAndNoToken() {
        answer = new Answer(204, Map.of(), "");

        assertThat(proxy.replay(url(), "DELETE", "/v2/images/x", RequestContext.unauthenticatedAdmin(),
                Optional.empty(), Map.of())).isEmpty();

        HttpExchange seen = received.poll();
        assertThat(seen.getRequestMethod()).isEqualTo("DELETE");
        assertThat(seen.getRequestHeaders().containsKey("X-Auth-Token")).isFalse();
        assertThat((String) seen.getAttribute("body")).isEmpty();
    }

    @Test
    void aRefusalKeepsTheHostsStatusMessageAndRequestId() {
        answer = new Answer(409, Map.of("x-openstack-request-id", "req-409", "Content-Type", "application/json"),
                "{\"message\": \"Image has active task<br /><br />\\n\\n\\n\", \"code\": \"409 Conflict\", "
                        + "\"title\": \"Conflict\"}");

        assertThatThrownBy(() -> proxy.replay(url(), "DELETE", "/v2/images/x", CALLER, Optional.empty(), Map.of()))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("Image has active task");
                    assertThat(e.headers()).containsEntry("x-openstack-request-id", "req-409");
                });
    }

    @Test
    void aStatusOutsideTheCatalogIsABadGatewayNamingIt() {
        answer = new Answer(418, Map.of(), "short and stout");

        assertThatThrownBy(() -> proxy.replay(url(), "DELETE", "/v2/images/x", CALLER, Optional.empty(), Map.of()))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
                    assertThat(e.getMessage()).contains("Stage host answered 418");
                });
    }

    @Test
    void aRedirectIsNotFollowed() {
        answer = new Answer(307, Map.of("Location", url() + "/elsewhere"), "");

        assertThatThrownBy(() -> proxy.replay(url(), "POST", "/v2/images/x/import", CALLER, Optional.empty(),
                Map.of())).isInstanceOfSatisfying(GlanceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void anUnreachableHostIsAGatewayTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> proxy.replay("http://127.0.0.1:" + closed, "DELETE", "/v2/images/x", CALLER,
                Optional.empty(), Map.of())).isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.GATEWAY_TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("Stage host is unavailable");
                });
    }

    @Test
    void aHostThatDoesNotAnswerInTimeIsABadGateway() {
        delay = Duration.ofSeconds(3);
        long start = System.nanoTime();

        assertThatThrownBy(() -> proxy.replay(url(), "DELETE", "/v2/images/x", CALLER, Optional.empty(), Map.of()))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY);
                    assertThat(e.getMessage()).isEqualTo("Stage host is unavailable");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void onlyHttpUrlsAreSpokenTo() {
        for (String stored : List.of("file:///etc/passwd", "ftp://127.0.0.1:" + host.getAddress().getPort(),
                "127.0.0.1:" + host.getAddress().getPort(), "http://", "gopher://x")) {
            assertThatThrownBy(() -> proxy.replay(stored, "DELETE", "/v2/images/x", CALLER, Optional.empty(),
                    Map.of())).as(stored).isInstanceOfSatisfying(GlanceException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_GATEWAY));
        }
        assertThat(received).isEmpty();
    }
}
