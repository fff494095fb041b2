package org.glancej.store.swift;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * A TCP relay in front of a Swift proxy, over TLS when given a context (a TLS front for a plain-HTTP proxy), that
 * can cut one connection in the middle of a request: {@link #cutOnce} names a marker (e.g. {@code PUT
 * /v1/AUTH_x/c/<id>-00002 }); the first connection whose request bytes contain it is closed both ways once
 * {@link #CUT_AFTER} more bytes went through, as a proxy dying mid-PUT would leave it.
 */
public final class SwiftRelay implements AutoCloseable {
    static final int CUT_AFTER = 64 * 1024;

    private final SSLContext tls;
    private final int target;
    private volatile ServerSocket listener;
    private volatile int port;
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final AtomicReference<Runnable> onCut = new AtomicReference<>(() -> {});
    private final AtomicInteger cuts = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /** Relays {@code 127.0.0.1:port} (0: any free port) to {@code 127.0.0.1:target}. */
    public SwiftRelay(int port, int target, SSLContext tls) throws IOException {
        this.target = target;
        this.tls = tls;
        listen(port);
    }

    private void listen(int on) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
        listener = socket;
        port = socket.getLocalPort();
        Thread.ofVirtual().name("swift-relay-" + port).start(() -> accept(socket));
    }

    public int port() {
        return port;
    }

    /** As a proxy killed: every connection is cut and new ones are refused until {@link #restart}. */
    public void kill() {
        closeQuietly(listener);
        open.forEach(SwiftRelay::closeQuietly);
        open.clear();
    }

    /** Takes connections again, on the same port. */
    public void restart() throws IOException {
        listen(port);
    }

    /** Cuts the next connection whose request bytes contain {@code marker}; {@code whenCut} runs just before. */
    public void cutOnce(String marker, Runnable whenCut) {
        onCut.set(whenCut);
        armed.set(marker);
    }

    public int cuts() {
        return cuts.get();
    }

    private void accept(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException e) {
                // closed, or a client gone before its connection was set up
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        byte[] buffer = new byte[16 * 1024];
        String tail = "";
        long cutIn = -1;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                String marker = armed.get();
                if (request && cutIn < 0 && marker != null) {
                    String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    if (seen.contains(marker) && armed.compareAndSet(marker, null)) {
                        cutIn = CUT_AFTER;
                    }
                    tail = seen.substring(Math.max(0, seen.length() - marker.length()));
                }
                if (cutIn >= 0 && n >= cutIn) {
                    out.write(buffer, 0, (int) cutIn);
                    out.flush();
                    cuts.incrementAndGet();
                    onCut.get().run();
                    from.close();
                    to.close();
                    return;
                }
                out.write(buffer, 0, n);
                if (cutIn >= 0) {
                    cutIn -= n;
                }
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(java.io.Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        kill();
    }
}
