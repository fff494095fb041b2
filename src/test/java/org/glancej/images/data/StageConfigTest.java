package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class StageConfigTest {

    @Test
    void noStageHostIsRecordedByDefault() {
        assertThat(StageConfig.from(ConfigFile.parse(""), true)).isEqualTo(new StageConfig(true, Optional.empty()));
    }

    @Test
    void stageHostIsTheWorkersOwnUrlElseThePublicEndpoint() {
        assertThat(StageConfig.from(ConfigFile.parse("[DEFAULT]\npublic_endpoint = http://lb:9292\n"), true)
                .stageHost()).contains("http://lb:9292");
        assertThat(StageConfig.from(ConfigFile.parse("[DEFAULT]\npublic_endpoint = http://lb:9292\n"
                + "worker_self_reference_url = http://node-b:9292\n"), true).stageHost())
                .contains("http://node-b:9292");
    }
}
