package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class UploadRecoveryConfigTest {
    @Test
    void defaults() {
        assertThat(UploadRecoveryConfig.from(ConfigFile.empty())).isEqualTo(new UploadRecoveryConfig(
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofDays(1),
                Duration.ofSeconds(30)));
    }

    @Test
    void readsItsSection() {
        ConfigFile conf = ConfigFile.parse("[upload_recovery]\nheartbeat_interval = 2\nowner_timeout = 7\n"
                + "recovery_interval = 3\nsaving_without_owner_timeout = 600\nshutdown_grace_period = 0\n");

        assertThat(UploadRecoveryConfig.from(conf)).isEqualTo(new UploadRecoveryConfig(Duration.ofSeconds(2),
                Duration.ofSeconds(7), Duration.ofSeconds(3), Duration.ofSeconds(600), Duration.ZERO));
    }

    @Test
    void ownerTimeoutFollowsALongHeartbeatAndMustLeaveRoomForThree() {
        assertThat(UploadRecoveryConfig.from(ConfigFile.parse("[upload_recovery]\nheartbeat_interval = 30\n"))
                .ownerTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> UploadRecoveryConfig.from(
                ConfigFile.parse("[upload_recovery]\nheartbeat_interval = 10\nowner_timeout = 20\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("owner_timeout");
    }
}
