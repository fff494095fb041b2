package org.glancej.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.app.GlanceApplication;
import org.glancej.config.ConfigFile;

/**
 * One API node of a deployment whose nodes share a database and a file store but each stage to their own
 * directory, started in-process on a fixed loopback port that is also its {@code worker_self_reference_url}, so
 * that it can be stopped and started again as the same node.
 */
final class ClusterNode implements AutoCloseable {
    private final String connection;
    private final Path sharedStore;
    private final Path staging;
    private final int port;
    private final String extraConfig;
    private final HttpClient client = HttpClient.newHttpClient();
    private GlanceApplication app;

    /** @param staging this node's own staging directory */
    ClusterNode(String connection, Path sharedStore, Path staging) throws IOException {
        this(connection, sharedStore, staging, "");
    }

    /**
     * @param extraConfig added to the node's configuration (authentication, stores); {@code ${shared}} in it names
     *     the shared store directory, {@code ${staging}} the node's staging directory
     */
    ClusterNode(String connection, Path sharedStore, Path staging, String extraConfig) throws IOException {
        this.extraConfig = extraConfig;
        this.connection = connection;
        this.sharedStore = sharedStore;
        this.staging = Files.createDirectories(staging);
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
    }

    String selfUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path staged(String imageId) {
        return staging.resolve(imageId);
    }

    void start() {
        app = GlanceApplication.start(ConfigFile.parse("""
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = %d
                worker_self_reference_url = %s
                node_staging_uri = file://%s
                [database]
                connection = %s
                [glance_store]
                filesystem_store_datadir = %s
                """.formatted(port, selfUrl(), staging, connection, sharedStore)
                + extraConfig.replace("${shared}", sharedStore.toString()).replace("${staging}", staging.toString())));
    }

    boolean isRunning() {
        return app != null;
    }

    /** Stops the node; it refuses connections until started again. */
    void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(selfUrl() + path)).header("Accept", "application/json");
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
