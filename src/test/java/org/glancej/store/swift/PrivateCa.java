package org.glancej.store.swift;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority of a test's own, made with the JDK's keytool in {@code dir}: a CA ({@link #caFile()}, the
 * PEM bundle a client trusts) and a server certificate it signed for 127.0.0.1 ({@link #serverTls()}).
 */
final class PrivateCa {
    private static final String PASSWORD = "private-ca-test";

    private final Path dir;
    private final Path serverKeys;

    PrivateCa(Path dir, String name) throws IOException, InterruptedException {
        this.dir = dir;
        Path caKeys = dir.resolve(name + "-ca.p12");
        this.serverKeys = dir.resolve(name + "-server.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=" + name + " test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", caKeys.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caKeys.toString(), "-file", caFile().toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-keystore", serverKeys.toString());
        Path request = dir.resolve(name + "-server.csr");
        Path signed = dir.resolve(name + "-server.pem");
        keytool("-certreq", "-alias", "server", "-keystore", serverKeys.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caKeys.toString(), "-infile", request.toString(), "-outfile",
                signed.toString(), "-rfc", "-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", serverKeys.toString(), "-file",
                caFile().toString());
        keytool("-importcert", "-alias", "server", "-keystore", serverKeys.toString(), "-file", signed.toString());
    }

    Path caFile() {
        return dir.resolve(serverKeys.getFileName().toString().replace("-server.p12", "-ca.pem"));
    }

    /** TLS for a server presenting the certificate this CA signed. */
    SSLContext serverTls() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeys)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        keys.deleteEntry("ca");
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return tls;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(java.util.List.of(args));
        command.addAll(java.util.List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", args) + " failed: " + output);
        }
    }
}
