package org.glancej.net;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.glancej.net.CheckedUrl;

/**
 * One HTTP/1.1 request per connection, made only to the addresses a {@link CheckedUrl} was checked against: the
 * host is never resolved here, so what was checked is what is reached. TLS verifies the certificate against the
 * URL's host name (and sends it as SNI) unless verification is turned off.
 */
public final class PinnedHttpClient {
    private static final int MAX_HEADERS = 200;
    private static final int BUFFER = 64 * 1024;

    private final SSLSocketFactory tls;
    private final boolean verifyHostNames;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final String userAgent;

    /**
     * @param readTimeout how long a read may wait for data, for the head and each read of the body: a server
     *     that stalls fails the read with a {@link java.net.SocketTimeoutException}
     */
    public PinnedHttpClient(SSLSocketFactory tls, boolean verifyHostNames, Duration connectTimeout, Duration readTimeout,
            String userAgent) {
        this.tls = requireNonNull(tls, "tls is null");
        this.verifyHostNames = verifyHostNames;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.userAgent = requireNonNull(userAgent, "userAgent is null");
    }

    /**
     * Sends the request and reads the response's head; the body is left to the caller.
     *
     * @param headers further request header fields (e.g. {@code Range}, {@code X-Auth-Token})
     */
    public PinnedResponse send(CheckedUrl url, String method, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(url.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.hostHeader()).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Accept-Encoding: identity\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (!fieldText(name) || !fieldText(value)) {
                // a line break in a value would let it add fields or a second request
                throw new IllegalArgumentException("a request header field holds control characters");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        Socket socket = connect(url);
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            out.write(HttpLines.ascii(head.append("\r\n").toString()));
            out.flush();
            return readResponse(socket, new BufferedInputStream(socket.getInputStream(), BUFFER), method);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private Socket connect(CheckedUrl url) throws IOException {
        IOException failure = null;
        for (InetAddress address : url.addresses()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, url.port()), connectTimeoutMillis);
                socket.setSoTimeout(readTimeoutMillis);
                socket.setTcpNoDelay(true);
                return url.https() ? handshake(socket, url) : socket;
            } catch (IOException e) {
                closeQuietly(socket);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure != null ? failure : new IOException("no address to connect to");
    }

    private Socket handshake(Socket plain, CheckedUrl url) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, url.host(), url.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        if (verifyHostNames) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        parameters.setServerNames(url.literal() ? List.of() : List.of(new SNIHostName(url.host())));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static boolean fieldText(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static PinnedResponse readResponse(Socket socket, InputStream in, String method) throws IOException {
        while (true) {
            String statusLine = HttpLines.read(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
                throw new IOException("the server's answer is not HTTP/1.x");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("the server's answer is not HTTP/1.x");
            }
            Map<String, String> headers = readHeaders(in);
            if (status >= 100 && status < 200) {
                continue; // interim answers (100 Continue) precede the real one
            }
            return new PinnedResponse(status, headers, body(socket, in, method, status, headers));
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String line = HttpLines.read(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new IOException("the HTTP server sent more than " + MAX_HEADERS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the HTTP server sent a malformed header field");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
    }

    private static InputStream body(Socket socket, InputStream in, String method, int status, Map<String, String> headers)
            throws IOException {
        InputStream closing = new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
        if (method.equals("HEAD") || status == 204 || status == 304) {
            socket.close();
            return InputStream.nullInputStream();
        }
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            return BodyStreams.chunked(closing);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                bytes = -1;
            }
            if (bytes < 0) {
                throw new IOException("the HTTP server sent a malformed Content-Length");
            }
            return BodyStreams.fixedLength(closing, bytes);
        }
        return closing; // the body ends when the server closes the connection
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
