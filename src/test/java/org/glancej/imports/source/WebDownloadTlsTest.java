package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https source must present a certificate the JDK's CAs vouch for, as urllib's default context demands. */
class WebDownloadTlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static HttpsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-dname", "CN=images.test", "-ext", "san=dns:images.test", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/image", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 4);
                exchange.getResponseBody().write("data".getBytes());
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aSelfSignedCertificateFailsTheOpen() {
        int port = server.getAddress().getPort();
        HostResolver resolver = name -> List.of(InetAddress.ofLiteral("127.0.0.1"));
        ImportSources sources = new ImportSources(new ImportSourceConfig(UrlFilterOptions.defaults()
                .allowingHosts("images.test").allowingPorts(port), 1 << 20, List.of(), Duration.ofSeconds(5),
                Duration.ofSeconds(5)), resolver, GlanceEndpoints.NONE);

        assertThatThrownBy(() -> sources.openWebDownload("https://images.test:" + port + "/image"))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageStartingWith("The web-download source at images.test:" + port + " could not be reached: TLS failed");
    }
}
