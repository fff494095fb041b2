package org.glancej.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.Bytes;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Serves connections whose first request line says {@code HTTP/1.0}, which the web server alone refuses with
 * 505 (upstream's WSGI server serves them). Such a connection is handed to the web server's HTTP/1.1 connection
 * reading through {@link Http10Requests}, so it closes after each response unless the client asked for
 * keep-alive. Responses stay 1.0-readable because every response of this service carries a Content-Length:
 * nothing is sent chunked.
 */
final class Http10Connections implements ServerConnectionSelector {
    private static final String HTTP_1_0_LINE_END = " HTTP/1.0\r";

    /** Built on first use, from the listener's HTTP/1 settings. */
    private volatile Http1ConnectionSelector http1;

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        int lf = data.indexOf(Bytes.LF_BYTE);
        if (lf < 0) {
            // the HTTP/1.1 selector claims a partial first line anyway
            return Support.UNKNOWN;
        }
        return data.readString(lf, StandardCharsets.ISO_8859_1).endsWith(HTTP_1_0_LINE_END)
                ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        Http10Requests requests = new Http10Requests(hostAndPort(ctx.localPeer()));
        DataReader client = ctx.dataReader();
        DataReader rewritten = DataReader.create(() -> {
            try {
                client.ensureAvailable();
            } catch (DataReader.InsufficientDataAvailableException e) {
                return null; // the client closed its side
            }
            return requests.rewrite(client.readBytes(client.available()));
        });
        return http1(ctx).connection(new Rewritten(ctx, rewritten));
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

    /** The connection as it is, but read through the rewriting reader. */
    private record Rewritten(ConnectionContext ctx, DataReader dataReader) implements ConnectionContext {
        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

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
