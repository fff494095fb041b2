package org.glancej.images.data;

import java.util.List;
import java.util.Optional;
import org.glancej.config.ConfigFile;

/**
 * What staging reads of {@code [DEFAULT]}: whether {@code glance-direct} is among {@code enabled_import_methods}
 * (upstream answers {@code PUT /stage} with 404 otherwise), and the URL recorded as {@code os_glance_stage_host}
 * so other nodes know who holds the staged data: {@code worker_self_reference_url}, else {@code public_endpoint},
 * else none, as upstream.
 */
public record StageConfig(boolean glanceDirectEnabled, Optional<String> stageHost) {
    static final List<String> DEFAULT_IMPORT_METHODS = List.of("glance-direct", "web-download", "copy-image");

    public static StageConfig from(ConfigFile conf) {
        // oslo's ListOpt with bounds and quotes: [a, 'b'] reads as a, b
        List<String> methods = conf.list("DEFAULT", "enabled_import_methods", DEFAULT_IMPORT_METHODS).stream()
                .map(m -> m.replaceAll("^\\[|]$", "").strip().replaceAll("^['\"]|['\"]$", ""))
                .toList();
        Optional<String> host = conf.raw("DEFAULT", "worker_self_reference_url").map(String::strip)
                .filter(s -> !s.isEmpty())
                .or(() -> conf.raw("DEFAULT", "public_endpoint").map(String::strip).filter(s -> !s.isEmpty()));
        return new StageConfig(methods.contains("glance-direct"), host);
    }
}
