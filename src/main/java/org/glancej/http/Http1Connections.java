package org.glancej.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Claims every connection and serves it with the web server's HTTP/1.1 connection, read through
 * {@link RequestFraming}. The web server alone picks a connection type by the first request line: it refuses an
 * HTTP/1.0 one with 505 (upstream's WSGI server serves them), and closes without any answer a connection whose
 * first line it does not recognize (garbage, {@code HTTP/2.0}) or, while another selector is still undecided,
 * whose first line is longer than its limit (it then waited for the end of that line forever). The HTTP/1.1
 * connection refuses those with 400 or 414 and closes. Responses stay 1.0-readable because every response of
 * this service carries a Content-Length: nothing is sent chunked.
 */
final class Http1Connections implements ServerConnectionSelector {
    /** Built on first use, from the listener's HTTP/1 settings. */
    private volatile Http1ConnectionSelector http1;
    private final Duration idleTimeout;
    private final Duration requestReadTimeout;

    /**
     * @param idleTimeout how long a connection may wait for its next request; zero: forever
     * @param requestReadTimeout how long a read within a request may wait for a byte; zero: forever
     */
    Http1Connections(Duration idleTimeout, Duration requestReadTimeout) {
        this.idleTimeout = idleTimeout;
        this.requestReadTimeout = requestReadTimeout;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        RequestFraming framing = new RequestFraming(hostAndPort(ctx.localPeer()));
        DataReader identified = ctx.dataReader();
        HelidonSocket socket = ctx.serverSocket();
        ReadTimeouts timeouts = ConnectionSockets.socket(ctx)
                .map(s -> new ReadTimeouts(s, idleTimeout, requestReadTimeout)).orElse(null);
        DataReader framed = DataReader.create(() -> {
            framing.ensureIntact();
            if (timeouts != null) {
                timeouts.beforeRead(framing.betweenRequests());
            }
            // first what the web server read to pick the connection type, then straight from the socket
            byte[] bytes = identified.available() > 0 ? identified.readBytes(identified.available()) : read(socket);
            return bytes == null ? null : framing.rewrite(bytes); // null: the client closed its side
        });
        ListenerContext listener = ConnectionSockets.plain(ctx)
                .map(plain -> ConnectionSockets.carrying(ctx.listenerContext(), plain))
                .orElse(ctx.listenerContext());
        return http1(ctx).connection(new Framed(ctx, framed, listener));
    }

    private static byte[] read(HelidonSocket socket) {
        try {
            return socket.get();
        } catch (UncheckedIOException e) {
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
    }

    private Http1ConnectionSelector http1(ConnectionContext ctx) {
        Http1ConnectionSelector selector = http1;
        if (selector == null) {
            Http1Config config = ctx.listenerContext().config().protocols().stream()
                    .filter(Http1Config.class::isInstance).map(Http1Config.class::cast).findFirst()
                    .orElseGet(Http1Config::create);
            selector = Http1ConnectionSelector.builder().config(config).build();
            http1 = selector;
        }
        return selector;
    }

    private static String hostAndPort(PeerInfo local) {
        String host = local.host();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + local.port();
    }

    /**
     * The connection as it is, but read through the framing reader, and with a listener context that may carry the
     * connection's socket ({@link ConnectionSockets}).
     */
    private record Framed(ConnectionContext ctx, DataReader dataReader, ListenerContext listenerContext)
            implements ConnectionContext {

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return ctx.dataWriter();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }
}
