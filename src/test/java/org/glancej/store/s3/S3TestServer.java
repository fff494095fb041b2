package org.glancej.store.s3;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The radosgw of {@code scripts/ceph.sh} as its env lines describe it ({@code GLANCE_S3_*}). Tests using it skip
 * when it is not configured, or fail with {@code GLANCE_TEST_REQUIRE_CEPH=1}.
 */
record S3TestServer(String endpoint, String accessKey, String secretKey, String bucket) {
    static final long MIB = 1 << 20;

    static S3TestServer require() {
        Optional<String> endpoint = setting("GLANCE_S3_ENDPOINT");
        if (endpoint.isEmpty()) {
            String message = "radosgw is not configured: run scripts/ceph.sh start and export what it prints";
            String required = setting("GLANCE_TEST_REQUIRE_CEPH").orElse("");
            if (required.equals("1") || required.equalsIgnoreCase("true")) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_CEPH is set)");
            }
            Assumptions.abort(message);
        }
        return new S3TestServer(endpoint.get(), setting("GLANCE_S3_ACCESS_KEY").orElseThrow(),
                setting("GLANCE_S3_SECRET_KEY").orElseThrow(), setting("GLANCE_S3_BUCKET").orElseThrow());
    }

    /** The options of a glance-api.conf {@code [glance_store]} section for this server, plus {@code extra} lines. */
    StoreSection options(String extra) {
        String conf = "[glance_store]\n"
                + "s3_store_host = " + endpoint + "\n"
                + "s3_store_access_key = " + accessKey + "\n"
                + "s3_store_secret_key = " + secretKey + "\n"
                + "s3_store_bucket = " + bucket + "\n"
                + extra;
        return new StoreSection(ConfigFile.parse(conf), "glance_store", "s3", null);
    }

    /** A store with small thresholds: over 1 MiB announced goes in parts of 5 MiB (S3's smallest). */
    S3StoreConfig smallPartsConfig() {
        return S3StoreConfig.from(options("")).with(MIB, 5 * MIB, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** Runs radosgw-admin as the cluster's admin (bucket quotas); skips when the cluster's files are not given. */
    void radosgwAdmin(String... args) throws Exception {
        Optional<String> conf = setting("GLANCE_CEPH_CONF");
        Optional<String> keyring = setting("GLANCE_CEPH_ADMIN_KEYRING");
        Assumptions.assumeTrue(conf.isPresent() && keyring.isPresent(), "GLANCE_CEPH_CONF/ADMIN_KEYRING not given");
        List<String> command = new ArrayList<>(List.of("timeout", "60", "radosgw-admin", "-c", conf.get(), "-k",
                keyring.get()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError("radosgw-admin " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static Optional<String> setting(String env) {
        return Optional.ofNullable(System.getenv(env)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
