package org.glancej.store.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP server on a loopback address for the http store's tests: files with HEAD and Range, and faults. */
public final class TestWebServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final String address;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    /** "METHOD path Host" of every request, in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The Range header of every request that had one. */
    final List<String> ranges = new CopyOnWriteArrayList<>();

    private TestWebServer(String address) throws IOException {
        this.address = address;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Host"));
            String range = exchange.getRequestHeaders().getFirst("Range");
            if (range != null) {
                ranges.add(range);
            }
            HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            }
        });
        server.start();
    }

    public static TestWebServer start(String address) throws IOException {
        return new TestWebServer(address);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://" + address + ":" + port() + path;
    }

    boolean has(String path) {
        return routes.containsKey(path);
    }

    /** Serves the bytes with HEAD and single ranges, as a static file server does. */
    public void file(String path, byte[] data) {
        routes.put(path, exchange -> serve(exchange, data, true));
    }

    /** Serves the bytes whole whatever Range asks, as servers without range support do. */
    void fileIgnoringRanges(String path, byte[] data) {
        routes.put(path, exchange -> serve(exchange, data, false));
    }

    /** Serves the bytes with ranges but refuses HEAD, as some object stores' signed URLs do. */
    void fileWithoutHead(String path, byte[] data) {
        routes.put(path, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
            } else {
                serve(exchange, data, true);
            }
        });
    }

    /** Serves the bytes with chunked transfer encoding. */
    void chunkedFile(String path, byte[] data) {
        routes.put(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int at = 0; at < data.length; at += 1000) {
                    out.write(data, at, Math.min(1000, data.length - at));
                    out.flush();
                }
            }
        });
    }

    void redirect(String path, int status, String location) {
        routes.put(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    void status(String path, int status) {
        routes.put(path, exchange -> exchange.sendResponseHeaders(status, -1));
    }

    /** Answers only after the given time. */
    void stall(String path, long millis) {
        routes.put(path, exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
        });
    }

    private static void serve(HttpExchange exchange, byte[] data, boolean ranges) throws IOException {
        long start = 0;
        long end = data.length - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (ranges) {
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        }
        if (ranges && range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) >= data.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? data.length - 1 : Math.min(Long.parseLong(m.group(2)), data.length - 1);
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + data.length);
        }
        long length = end - start + 1;
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(data, (int) start, (int) length);
        } catch (IOException e) {
            // the client stopped reading: its business
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
