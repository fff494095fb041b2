package org.glancej.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainObjectWrite} against a stand-in server that reads requests as an HTTP/1.1 server does (Content-Length
 * or chunked, {@code 100-continue}): the bytes arrive whole in either framing, an answer before the data leaves the
 * data unread, a short body fails, and a server that stops reading times the upload out.
 */
class PlainObjectWriteTest {
    private static final Duration SECONDS_5 = Duration.ofSeconds(5);
    private final byte[] data = new byte[3 * 256 * 1024 + 12_345];
    private ServerSocket server;

    /** What the stand-in received: the request's headers (lower case) and its body as framed. */
    private record Received(Map<String, String> headers, byte[] body) {}

    PlainObjectWriteTest() {
        new Random(11).nextBytes(data);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataOfAKnownLengthGoesOutWholeWithContentLength() throws Exception {
        CompletableFuture<Received> received = serveOnce(100, 201, false);
        PlainObjectWrite.Answer answer = send(new ByteArrayInputStream(data), data.length);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.bytesSent()).isEqualTo(data.length);
        Received r = received.get(10, TimeUnit.SECONDS);
        assertThat(r.headers()).containsEntry("content-length", Integer.toString(data.length))
                .containsEntry("expect", "100-continue").containsEntry("x-auth-token", "tk")
                .doesNotContainKey("transfer-encoding");
        assertThat(r.body()).isEqualTo(data);
    }

    @Test
    void dataOfUnknownLengthGoesOutChunked() throws Exception {
        CompletableFuture<Received> received = serveOnce(100, 201, false);
        // a stream that gives little at a time, as a client's upload does
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7_000));
            }
        };
        PlainObjectWrite.Answer answer = send(trickle, -1);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.bytesSent()).isEqualTo(data.length);
        Received r = received.get(10, TimeUnit.SECONDS);
        assertThat(r.headers()).containsEntry("transfer-encoding", "chunked").doesNotContainKey("content-length");
        assertThat(r.body()).isEqualTo(data);
    }

    @Test
    void anAnswerBeforeTheDataLeavesTheDataUnread() throws Exception {
        CompletableFuture<Received> received = serveOnce(401, 401, false);
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        PlainObjectWrite.Answer answer = send(in, data.length);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.bytesSent()).isZero();
        assertThat(in.available()).isEqualTo(data.length);
        assertThat(received.get(10, TimeUnit.SECONDS).body()).isEmpty();
    }

    @Test
    void dataShorterThanItsLengthFails() throws Exception {
        serveOnce(100, 201, false);
        assertThatThrownBy(() -> send(new ByteArrayInputStream(data), data.length + 1L))
                .isInstanceOf(EOFException.class).hasMessageContaining("1 bytes before its length");
    }

    @Test
    void aFailureOfTheDataIsPassedOnUnchecked() throws Exception {
        serveOnce(100, 201, false);
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        assertThatThrownBy(() -> send(failing, -1)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("client went away");
    }

    @Test
    void aServerThatStopsTakingDataTimesTheUploadOut() throws Exception {
        serveOnce(100, 201, true);
        long start = System.nanoTime();
        // far more than the socket buffers hold
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        assertThatThrownBy(() -> PlainObjectWrite.send("PUT", uri(), Map.of(), endless, -1, SECONDS_5,
                Duration.ofSeconds(1), "stand-in")).isInstanceOf(SocketTimeoutException.class)
                .hasMessage("no progress for 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerGoneMidDataFailsTheUploadAtOnce() throws Exception {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket connection = server.accept()) {
                DataInputStream in = new DataInputStream(connection.getInputStream());
                while (!line(in).isEmpty()) {
                    // the head
                }
                connection.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(US_ASCII));
                in.readNBytes(100_000);
                connection.setSoLinger(true, 0); // as a killed process's connection ends: reset
            } catch (IOException e) {
                // the test fails on the client's side
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> send(new ByteArrayInputStream(new byte[64 << 20]), 64 << 20))
                .isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    private PlainObjectWrite.Answer send(InputStream in, long length) throws IOException {
        return PlainObjectWrite.send("PUT", uri(), Map.of("X-Auth-Token", "tk"), in, length, SECONDS_5, SECONDS_5,
                "stand-in");
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/AUTH_t/c/o");
    }

    /**
     * Takes one request: answers {@code interim} to its {@code 100-continue} (a final status there ends it), reads
     * the body and answers {@code status}; {@code stall} reads nothing after the head.
     */
    private CompletableFuture<Received> serveOnce(int interim, int status, boolean stall) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        CompletableFuture<Received> received = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket connection = server.accept()) {
                DataInputStream in = new DataInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                Map<String, String> headers = new LinkedHashMap<>();
                line(in);
                for (String line; !(line = line(in)).isEmpty(); ) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip());
                }
                if (stall) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(US_ASCII));
                    Thread.sleep(30_000);
                    return;
                }
                if (interim != 100) {
                    out.write(("HTTP/1.1 " + interim + " No\r\nContent-Length: 0\r\n\r\n").getBytes(US_ASCII));
                    received.complete(new Received(headers, new byte[0]));
                    return;
                }
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(US_ASCII));
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                if (headers.containsKey("content-length")) {
                    body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
                } else {
                    for (int size; (size = Integer.parseInt(line(in), 16)) > 0; line(in)) {
                        body.write(in.readNBytes(size));
                    }
                    line(in);
                }
                out.write(("HTTP/1.1 " + status + " Created\r\nContent-Length: 0\r\n\r\n").getBytes(US_ASCII));
                received.complete(new Received(headers, body.toByteArray()));
            } catch (IOException | InterruptedException | RuntimeException e) {
                received.completeExceptionally(e);
            }
        });
        return received;
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
