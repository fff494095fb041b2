package org.glancej.store.swift;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glancej.store.PlainObjectRead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code swift_store_retry_get_count}: a download cut off mid-body asks again from the first byte not read, as
 * upstream's retrying iterator does. A stand-in Swift cuts every answer off after {@value #CUT} bytes (a real
 * Swift cannot be made to do that on demand).
 */
class SwiftObjectStreamTest {
    private static final int CUT = 100_000;
    private final byte[] data = new byte[350_000];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private ServerSocket swift;

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(data);
        swift = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!swift.isClosed()) {
                try (Socket connection = swift.accept()) {
                    answer(connection);
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        });
    }

    /** One answer per connection: a token, or the object's bytes from the Range asked, cut after CUT bytes. */
    private void answer(Socket connection) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), US_ASCII));
        String requestLine = in.readLine();
        String range = null;
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            if (line.toLowerCase(Locale.ROOT).startsWith("range:")) {
                range = line.substring(6).strip();
            }
        }
        OutputStream out = connection.getOutputStream();
        if (requestLine.contains("/auth/v1.0")) {
            out.write(("HTTP/1.1 200 OK\r\nX-Auth-Token: tk\r\nX-Storage-Url: " + base() + "/v1/AUTH_t\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
            return;
        }
        ranges.add(String.valueOf(range));
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=([0-9]+)-.*", "$1"));
        out.write(((range == null ? "HTTP/1.1 200 OK" : "HTTP/1.1 206 Partial Content") + "\r\nContent-Length: "
                + (data.length - from) + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
        out.write(data, from, Math.min(CUT, data.length - from));
        out.flush(); // and the connection ends before the announced length
    }

    @AfterEach
    void stop() throws IOException {
        swift.close();
    }

    private String base() {
        return "http://127.0.0.1:" + swift.getLocalPort();
    }

    private SwiftAccount account() {
        HttpClient http = HttpClient.newHttpClient();
        SwiftReference ref = new SwiftReference("r", base() + "/auth/v1.0", "t:u", "k", "1");
        return new SwiftAccount(http, new TempAuth(http, ref, "", Duration.ofSeconds(5), Clock.systemUTC()),
                Duration.ofSeconds(5));
    }

    @Test
    void aCutOffDownloadIsAskedForAgainFromWhereItStopped() throws IOException {
        try (InputStream in = new SwiftObjectStream(account(), "c", "o", 0, -1, 3)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(ranges).containsExactly("null", "bytes=100000-", "bytes=200000-", "bytes=300000-");
    }

    @Test
    void asAChannelItReadsIntoNativeBuffersAndAsksAgainToo() throws IOException {
        ByteBuffer got = ByteBuffer.allocateDirect(data.length + 1);
        try (SwiftObjectStream in = new SwiftObjectStream(account(), "c", "o", 0, -1, 3)) {
            ByteBuffer piece = ByteBuffer.allocateDirect(64 << 10);
            while (in.read(piece.clear()) >= 0) {
                got.put(piece.flip());
            }
        }
        byte[] bytes = new byte[got.flip().remaining()];
        got.get(bytes);
        assertThat(bytes).isEqualTo(data);
        assertThat(ranges).containsExactly("null", "bytes=100000-", "bytes=200000-", "bytes=300000-");
    }

    @Test
    void overPlainHttpTheAnswerIsReadStraightFromItsSocket() throws IOException {
        try (InputStream body = account().get("c", "o", 0, 10)) {
            assertThat(body).isInstanceOf(PlainObjectRead.class);
        }
    }

    @Test
    void withoutRetriesTheCutIsTheReadersFailure() throws IOException {
        try (InputStream in = new SwiftObjectStream(account(), "c", "o", 5, -1, 0)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
        assertThat(ranges).containsExactly("bytes=5-");
    }

    @Test
    void retriesStopWhenUsedUp() throws IOException {
        try (InputStream in = new SwiftObjectStream(account(), "c", "o", 0, -1, 1)) {
            byte[] got = new byte[data.length];
            int n = 0;
            try {
                for (int r; (r = in.read(got, n, got.length - n)) > 0; ) {
                    n += r;
                }
            } catch (IOException expected) {
                // the second answer was cut too
            }
            assertThat(n).isEqualTo(2 * CUT);
            assertThat(Arrays.copyOf(got, n)).isEqualTo(Arrays.copyOf(data, n));
        }
    }
}
