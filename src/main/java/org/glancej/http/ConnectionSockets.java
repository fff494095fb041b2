package org.glancej.http;

import io.helidon.common.context.Context;
import io.helidon.common.socket.PlainSocket;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.media.MediaContext;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP socket under a connection served in the clear, so that a response body can go from a file straight to
 * it ({@link SocketBodies}). The web server keeps the socket to itself: it is read from the server's plain-socket
 * wrapper once per connection, and if that ever fails (another server version) bodies are copied as before.
 * A connection has none with TLS (the bytes must be encrypted in the JVM) or when the server queues its writes
 * to another thread (they could overtake bytes sent directly).
 */
final class ConnectionSockets {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSockets.class);
    private static final VarHandle SOCKET = plainSocketField();

    private ConnectionSockets() {}

    /** The socket of a connection the web server has just accepted, if bodies may be written to it directly. */
    static Optional<SocketChannel> plain(ConnectionContext ctx) {
        if (SOCKET == null || ctx.isSecure() || ctx.serverSocket().getClass() != PlainSocket.class
                || ctx.listenerContext().config().writeQueueLength() > 1) {
            return Optional.empty();
        }
        Socket socket = (Socket) SOCKET.get(ctx.serverSocket());
        return Optional.ofNullable(socket.getChannel());
    }

    /** The TCP socket of a connection in the clear, whatever the server does with its writes. */
    static Optional<Socket> socket(ConnectionContext ctx) {
        if (SOCKET == null || ctx.isSecure() || ctx.serverSocket().getClass() != PlainSocket.class) {
            return Optional.empty();
        }
        return Optional.of((Socket) SOCKET.get(ctx.serverSocket()));
    }

    /** The listener's context for one connection, carrying that connection's socket to its requests. */
    static ListenerContext carrying(ListenerContext listener, SocketChannel socket) {
        return new WithSocket(listener, socket);
    }

    /** The socket of the connection a request came on, when bodies may be written to it directly. */
    static Optional<SocketChannel> of(ServerRequest req) {
        return req.listenerContext() instanceof WithSocket connection ? Optional.of(connection.socket())
                : Optional.empty();
    }

    private static VarHandle plainSocketField() {
        try {
            return MethodHandles.privateLookupIn(PlainSocket.class, MethodHandles.lookup())
                    .findVarHandle(PlainSocket.class, "delegate", Socket.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("image data is copied to the client: the web server's socket is not reachable ({})", e.toString());
            return null;
        }
    }

    private record WithSocket(ListenerContext listener, SocketChannel socket) implements ListenerContext {
        @Override
        public Context context() {
            return listener.context();
        }

        @Override
        public MediaContext mediaContext() {
            return listener.mediaContext();
        }

        @Override
        public ContentEncodingContext contentEncodingContext() {
            return listener.contentEncodingContext();
        }

        @Override
        public DirectHandlers directHandlers() {
            return listener.directHandlers();
        }

        @Override
        public ListenerConfig config() {
            return listener.config();
        }

        @Override
        public ExecutorService executor() {
            return listener.executor();
        }
    }
}
