package org.glancej.images.data;

import java.time.Duration;
import org.glancej.config.ConfigFile;

/**
 * {@code [upload_recovery]}, options of ours (upstream has no such section): how uploads in flight show they
 * are alive, when one whose receiver died is reset, and how long a shutdown waits for them. All in seconds.
 *
 * @param heartbeatInterval how often a process refreshes the heartbeat of each upload it receives
 * @param ownerTimeout a heartbeat older than this means its process is gone (on any host)
 * @param recoveryInterval how often recovery and the removal of pending data run (also once at startup)
 * @param savingWithoutOwnerTimeout an image {@code saving} with no owner recorded (an upload of an upstream
 *     node) is reset only after this long
 * @param shutdownGracePeriod how long a stopping service lets uploads in flight finish
 * @param progressInterval how often the bytes received by this process's uploads and stages are recorded in the
 *     database, where other processes read them ({@code HEAD /v2/images/{id}/stage})
 */
public record UploadRecoveryConfig(Duration heartbeatInterval, Duration ownerTimeout, Duration recoveryInterval,
        Duration savingWithoutOwnerTimeout, Duration shutdownGracePeriod, Duration progressInterval) {

    public UploadRecoveryConfig(Duration heartbeatInterval, Duration ownerTimeout, Duration recoveryInterval,
            Duration savingWithoutOwnerTimeout, Duration shutdownGracePeriod) {
        this(heartbeatInterval, ownerTimeout, recoveryInterval, savingWithoutOwnerTimeout, shutdownGracePeriod,
                Duration.ofSeconds(2));
    }

    public static final String SECTION = "upload_recovery";

    public static UploadRecoveryConfig from(ConfigFile conf) {
        int heartbeat = conf.integer(SECTION, "heartbeat_interval", 10, 1, 3600);
        // a live process must get several heartbeats in before it can be taken for dead
        int owner = conf.integer(SECTION, "owner_timeout", Math.max(60, 3 * heartbeat), 3 * heartbeat, Integer.MAX_VALUE);
        return new UploadRecoveryConfig(
                Duration.ofSeconds(heartbeat),
                Duration.ofSeconds(owner),
                Duration.ofSeconds(conf.integer(SECTION, "recovery_interval", 60, 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(conf.integer(SECTION, "saving_without_owner_timeout", 86400, 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(conf.integer(SECTION, "shutdown_grace_period", 30, 0, Integer.MAX_VALUE)),
                Duration.ofSeconds(conf.integer(SECTION, "progress_interval", 2, 1, 3600)));
    }
}
