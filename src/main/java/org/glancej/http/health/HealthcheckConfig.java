package org.glancej.http.health;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oslo.middleware's {@code [healthcheck]} options, read from glance-api.conf. Upstream's stock
 * glance-api-paste.ini sets {@code backends = disable_by_file} and {@code disable_by_file_path =
 * /etc/glance/healthcheck_disable} in {@code [filter:healthcheck]}, and paste values override glance-api.conf
 * there; this service reads no paste file, so those two values are its defaults and glance-api.conf may change them.
 */
public record HealthcheckConfig(String path, List<String> backends, Optional<Path> disableByFilePath,
        Map<Integer, Path> disableByFilePaths) {
    private static final Logger LOG = LoggerFactory.getLogger(HealthcheckConfig.class);
    static final String SECTION = "healthcheck";
    public static final String DISABLE_BY_FILE = "disable_by_file";
    public static final String DISABLE_BY_FILES_PORTS = "disable_by_files_ports";
    /** What upstream's glance-api-paste.ini ships. */
    static final String STOCK_DISABLE_FILE = "/etc/glance/healthcheck_disable";

    public HealthcheckConfig {
        backends = List.copyOf(backends);
        disableByFilePaths = Map.copyOf(disableByFilePaths);
    }

    public static HealthcheckConfig from(ConfigFile conf) {
        if (conf.bool(SECTION, "detailed", false)) {
            LOG.warn("[healthcheck] detailed is set but has no effect in this service (not implemented):"
                    + " /healthcheck answers as with detailed = false");
        }
        String path = conf.string(SECTION, "path", "/healthcheck").strip();
        if (!path.startsWith("/")) {
            throw ConfigException.badValue(SECTION, "path", path, "must start with /");
        }
        List<String> backends = conf.list(SECTION, "backends", List.of(DISABLE_BY_FILE));
        for (String backend : backends) {
            if (!backend.equals(DISABLE_BY_FILE) && !backend.equals(DISABLE_BY_FILES_PORTS)) {
                throw ConfigException.badValue(SECTION, "backends", backend,
                        "must be " + DISABLE_BY_FILE + " or " + DISABLE_BY_FILES_PORTS);
            }
        }
        Optional<Path> file = Optional.of(conf.string(SECTION, "disable_by_file_path", STOCK_DISABLE_FILE).strip())
                .filter(p -> !p.isEmpty()).map(Path::of);
        Map<Integer, Path> files = new LinkedHashMap<>();
        for (String portPath : conf.list(SECTION, "disable_by_file_paths", List.of())) {
            int colon = portPath.indexOf(':');
            Integer port = colon > 0 ? parsePort(portPath.substring(0, colon).strip()) : null;
            if (port == null || portPath.substring(colon + 1).isBlank()) {
                throw ConfigException.badValue(SECTION, "disable_by_file_paths", portPath, "expected PORT:PATH");
            }
            files.put(port, Path.of(portPath.substring(colon + 1)));
        }
        if (backends.contains(DISABLE_BY_FILES_PORTS) && files.isEmpty()) {
            LOG.warn("[healthcheck] backends names {} without disable_by_file_paths: it always reports OK",
                    DISABLE_BY_FILES_PORTS);
        }
        return new HealthcheckConfig(path, backends, file, files);
    }

    private static Integer parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
