package org.glancej.images.data;

import org.glancej.config.ConfigFile;

/**
 * {@code [DEFAULT] do_secure_hash} (hash the data of a location added through the 2.17 API, default on) and
 * {@code http_retries} (tries at reading it, 3), with {@code hashing_algorithm}.
 */
public record LocationImportConfig(boolean doSecureHash, int httpRetries, String hashingAlgorithm) {

    public static LocationImportConfig from(ConfigFile conf, String hashingAlgorithm) {
        return new LocationImportConfig(conf.bool("DEFAULT", "do_secure_hash", true),
                conf.integer("DEFAULT", "http_retries", 3, 0, 1000), hashingAlgorithm);
    }
}
