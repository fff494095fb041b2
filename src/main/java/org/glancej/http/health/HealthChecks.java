package org.glancej.http.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured backends, asked in order on every request: each reports OK, or DISABLED BY FILE while its
 * file exists, so an operator drains a node by touching the file and brings it back by removing it.
 */
public final class HealthChecks {
    static final String OK = "OK";
    static final String DISABLED_BY_FILE = "DISABLED BY FILE";

    /** One backend's answer: whether the service should take requests, and the reason shown. */
    public record Result(boolean available, String reason) {
    }

    private final HealthcheckConfig config;

    public HealthChecks(HealthcheckConfig config) {
        this.config = config;
    }

    /** @param port the local port the request came in on ({@code disable_by_files_ports} files are per port) */
    public List<Result> run(int port) {
        List<Result> results = new ArrayList<>();
        for (String backend : config.backends()) {
            Path file = backend.equals(HealthcheckConfig.DISABLE_BY_FILE)
                    ? config.disableByFilePath().orElse(null)
                    : config.disableByFilePaths().get(port);
            results.add(file != null && Files.exists(file) ? new Result(false, DISABLED_BY_FILE)
                    : new Result(true, OK));
        }
        return List.copyOf(results);
    }

    public static boolean healthy(List<Result> results) {
        return results.stream().allMatch(Result::available);
    }
}
