package org.glancej.imports.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that answers each path with a script writing raw bytes to the socket, so a
 * test can make it do what well-behaved servers never do: lie about Content-Length, stall or close mid-body,
 * redirect in circles.
 */
public final class ScriptedHttpServer implements AutoCloseable {
    @FunctionalInterface
    public interface Script {
        void answer(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    /** The head of every request, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public ScriptedHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public void on(String path, Script script) {
        scripts.put(path, script);
    }

    /** A complete answer with the given head fields and body. */
    public void respond(String path, int status, String fields, byte[] body) {
        on(path, out -> {
            out.write(("HTTP/1.1 " + status + " X\r\n" + fields + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        });
    }

    void redirect(String path, String location) {
        respond(path, 302, "Location: " + location + "\r\nContent-Length: 0\r\n", new byte[0]);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            String head = readHead(socket.getInputStream());
            requests.add(head);
            String path = head.split(" ", 3)[1];
            Script script = scripts.get(path);
            OutputStream out = socket.getOutputStream();
            if (script == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } else {
                script.answer(out);
            }
            out.flush();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away, or the script ended the connection: either is the test's business
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the head ended");
            }
            head.append((char) c);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
