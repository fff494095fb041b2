package org.glancej.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https locations against a real TLS server whose certificate (for images.test) no public CA signed. */
class HttpStoreTlsTest {
    private static final byte[] DATA = "image data over TLS".getBytes();
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static Path caBundle;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        caBundle = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=images.test",
                "-ext", "san=dns:images.test", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-file", caBundle.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/image", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, DATA.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(DATA);
                }
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    /** The store resolving images.test and wrong.test to the server, which is allowed. */
    private static HttpStore store(boolean insecure, Optional<Path> ca) {
        UrlFilterOptions filter = UrlFilterOptions.defaults().allowingHosts("images.test", "wrong.test")
                .allowingPorts(server.getAddress().getPort());
        HostResolver resolver = name -> List.of(InetAddress.ofLiteral("127.0.0.1"));
        return new HttpStore(new HttpStoreConfig(insecure, ca, Duration.ofSeconds(5), Duration.ofSeconds(5), filter), resolver);
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/image";
    }

    @Test
    void certificatesAreVerifiedByDefault() {
        assertThatThrownBy(() -> store(false, Optional.empty()).get(url("images.test"), 0))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("TLS failed");
                });
    }

    @Test
    void aCaBundleIsTrustedAndTheHostNameMustMatch() throws IOException {
        HttpStore store = store(false, Optional.of(caBundle));
        try (InputStream in = store.get(url("images.test"), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
        assertThatThrownBy(() -> store.get(url("wrong.test"), 0)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void theCaBundleWinsOverHttpsInsecureAsUpstream() {
        HttpStore store = store(true, Optional.of(caBundle));
        assertThatThrownBy(() -> store.get(url("wrong.test"), 0)).isInstanceOf(StoreException.class);
    }

    @Test
    void httpsInsecureSkipsVerification() throws IOException {
        try (InputStream in = store(true, Optional.empty()).get(url("wrong.test"), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
    }
}
