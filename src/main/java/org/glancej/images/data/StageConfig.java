package org.glancej.images.data;

import java.util.Optional;
import org.glancej.config.ConfigFile;

/**
 * What staging needs to know: whether {@code glance-direct} is an import method this service offers (read once,
 * with the others, from {@code enabled_import_methods}; upstream answers {@code PUT /stage} with 404 otherwise),
 * and the URL recorded as {@code os_glance_stage_host} so other nodes know who holds the staged data: {@code
 * worker_self_reference_url}, else {@code public_endpoint}, else none, as upstream.
 */
public record StageConfig(boolean glanceDirectEnabled, Optional<String> stageHost) {

    /** @param glanceDirectEnabled whether the import methods this service offers include glance-direct */
    public static StageConfig from(ConfigFile conf, boolean glanceDirectEnabled) {
        return new StageConfig(glanceDirectEnabled, selfUrl(conf));
    }

    /** This node's URL as other nodes reach it: what it records on the images it stages (upstream's self_url). */
    public static Optional<String> selfUrl(ConfigFile conf) {
        return conf.raw("DEFAULT", "worker_self_reference_url").map(String::strip).filter(s -> !s.isEmpty())
                .or(() -> conf.raw("DEFAULT", "public_endpoint").map(String::strip).filter(s -> !s.isEmpty()));
    }
}
