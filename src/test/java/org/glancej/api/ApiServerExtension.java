package org.glancej.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glancej.app.GlanceApplication;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole service in-process on an ephemeral loopback port, with an SQLite database (or the migrated
 * database named by {@link #onDatabase}) and a file store in a fresh directory, for API tests over real HTTP.
 * Files added with {@link #withFile} are written to that directory first; {@code ${dir}} in the extra
 * configuration names it. Registered as an extension it starts before and stops after the test class; tests
 * parametrized over databases call {@link #start()} and {@link #stop()} themselves.
 */
public final class ApiServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final String extraConfig;
    private final Map<String, String> files = new LinkedHashMap<>();
    private String connection;
    private Path directory;
    private GlanceApplication app;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> createdImages = new ArrayList<>();

    public ApiServerExtension() {
        this("");
    }

    public ApiServerExtension(String extraConfig) {
        this.extraConfig = extraConfig;
    }

    /** A file (a policy or protection file, say) the configuration can name as {@code ${dir}/name}. */
    public ApiServerExtension withFile(String name, String content) {
        files.put(name, content);
        return this;
    }

    /** Serves from this database (a SQLAlchemy URL, already migrated) instead of a new SQLite file. */
    public ApiServerExtension onDatabase(String connection) {
        this.connection = connection;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    public void start() throws IOException {
        directory = Files.createTempDirectory("glance-api-test");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue());
        }
        String database = connection != null ? connection : "sqlite:///" + directory + "/glance.sqlite";
        String conf = """
                [DEFAULT]
                bind_host = 127.0.0.1
                bind_port = 0
                node_staging_uri = file://%s/staging
                [database]
                connection = %s
                [glance_store]
                filesystem_store_datadir = %s/images
                """.formatted(directory, database, directory) + extraConfig.replace("${dir}", directory.toString());
        app = GlanceApplication.start(ConfigFile.parse(conf));
    }

    public void stop() throws IOException {
        if (app != null) {
            for (String id : createdImages) {
                try {
                    send(request("/v2/images/" + id).DELETE());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            createdImages.clear();
            app.close();
            app = null;
        }
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        directory = null;
    }

    public Path directory() {
        return directory;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Creates an empty raw/bare image, which {@link #stop} deletes again (with its data, wherever it went). */
    public String createRawImage() throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/v2/images").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}")));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("image create answered " + response.statusCode() + ": " + response.body());
        }
        String id = new ObjectMapper().readTree(response.body()).get("id").asText();
        createdImages.add(id);
        return id;
    }
}
