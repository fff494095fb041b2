package org.glancej.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SocketBodies} on the web server with this service's connection handling: written to the socket directly in
 * the clear, copied through the response with TLS, the same bytes either way.
 */
class SocketBodiesTest {
    private static final char[] PASSWORD = "secret".toCharArray();
    @TempDir
    static Path dir;
    private static byte[] data;
    private static Path file;

    @BeforeAll
    static void writeFile() throws Exception {
        data = new byte[6 << 20];
        new Random(6).nextBytes(data);
        file = Files.write(dir.resolve("data"), data);
    }

    @AfterAll
    static void dropData() {
        data = null;
    }

    @Test
    void plainConnectionsGetTheFileWrittenToTheSocketDirectly() throws Exception {
        AtomicReference<Boolean> direct = new AtomicReference<>();
        WebServer server = serve(null, direct);
        try {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, "http", server, 0, data.length)).isEqualTo(data);
            assertThat(direct.get()).isTrue();
            assertThat(get(client, "http", server, 1000, 3_000_000)).isEqualTo(Arrays.copyOfRange(data, 1000, 3_001_000));
        } finally {
            server.stop();
        }
    }

    @Test
    void aSourceThatIsAChannelIsWrittenToTheSocketAndAPlainStreamIsCopied() throws Exception {
        AtomicReference<Boolean> direct = new AtomicReference<>();
        WebServer server = serve(null, direct);
        try {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, "http", server, "channel", 0, data.length)).isEqualTo(data);
            assertThat(get(client, "http", server, "channel", 5, 2)).isEqualTo(Arrays.copyOfRange(data, 5, 7));
            assertThat(get(client, "http", server, "plain", 0, data.length)).isEqualTo(data);
            assertThat(get(client, "http", server, "plain", 77, 1)).isEqualTo(Arrays.copyOfRange(data, 77, 78));
        } finally {
            server.stop();
        }
    }

    @Test
    void tlsConnectionsGetTheFileCopiedThroughTheResponse() throws Exception {
        KeyStore keys = selfSignedKeyStore();
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);
        AtomicReference<Boolean> direct = new AtomicReference<>();
        WebServer server = serve(Tls.builder().sslContext(serverTls).build(), direct);
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(clientTls).build();
            assertThat(get(client, "https", server, 0, data.length)).isEqualTo(data);
            assertThat(direct.get()).isFalse();
            assertThat(get(client, "https", server, 7, 100)).isEqualTo(Arrays.copyOfRange(data, 7, 107));
        } finally {
            server.stop();
        }
    }

    /** Serves {@code GET /?position=&count=} from the file, noting whether the connection took it directly. */
    private static WebServer serve(Tls tls, AtomicReference<Boolean> direct) {
        var builder = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.get("/", (req, res) -> {
                    long position = Long.parseLong(req.query().get("position"));
                    long count = Long.parseLong(req.query().get("count"));
                    direct.set(ConnectionSockets.of(req).isPresent());
                    String source = req.query().first("source").orElse("file");
                    try (FileChannel channel = FileChannel.open(file)) {
                        res.contentLength(count);
                        switch (source) {
                            case "channel" -> SocketBodies.send(req, res, new ChannelStream(channel.position(position)), count);
                            case "plain" -> SocketBodies.send(req, res,
                                    new java.io.ByteArrayInputStream(data, (int) position, (int) count), count);
                            default -> SocketBodies.send(req, res, channel, position, count);
                        }
                    }
                }))
                .addConnectionSelector(new Http1Connections(java.time.Duration.ZERO, java.time.Duration.ZERO))
                .useNio(false)
                .shutdownHook(false);
        if (tls != null) {
            builder.tls(tls);
        }
        return builder.build().start();
    }

    /** A stream that is also a channel, as a store's body read from its socket is. */
    private static final class ChannelStream extends java.io.InputStream implements java.nio.channels.ReadableByteChannel {
        private final FileChannel channel;

        ChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws java.io.IOException {
            return channel.read(dst);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return channel.read(java.nio.ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }
    }

    private static byte[] get(HttpClient client, String scheme, WebServer server, long position, long count)
            throws Exception {
        return get(client, scheme, server, "file", position, count);
    }

    private static byte[] get(HttpClient client, String scheme, WebServer server, String source, long position,
            long count) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:"
                + server.port() + "/?source=" + source + "&position=" + position + "&count=" + count)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(count);
        return response.body();
    }

    private static KeyStore selfSignedKeyStore() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        return KeyStore.getInstance(store.toFile(), PASSWORD);
    }
}
