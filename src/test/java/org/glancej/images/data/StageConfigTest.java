package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class StageConfigTest {

    @Test
    void glanceDirectIsOnByDefaultAndNoStageHostIsRecorded() {
        assertThat(StageConfig.from(ConfigFile.parse(""))).isEqualTo(new StageConfig(true, Optional.empty()));
    }

    @Test
    void importMethodsReadAsOsloReadsThemWithBracketsAndQuotes() {
        assertThat(StageConfig.from(ConfigFile.parse("[DEFAULT]\nenabled_import_methods = [web-download, 'copy-image']\n"))
                .glanceDirectEnabled()).isFalse();
        assertThat(StageConfig.from(ConfigFile.parse("[DEFAULT]\nenabled_import_methods = ['glance-direct']\n"))
                .glanceDirectEnabled()).isTrue();
    }

    @Test
    void stageHostIsTheWorkersOwnUrlElseThePublicEndpoint() {
        assertThat(StageConfig.from(ConfigFile.parse("[DEFAULT]\npublic_endpoint = http://lb:9292\n")).stageHost())
                .contains("http://lb:9292");
        assertThat(StageConfig.from(ConfigFile.parse("[DEFAULT]\npublic_endpoint = http://lb:9292\n"
                + "worker_self_reference_url = http://node-b:9292\n")).stageHost()).contains("http://node-b:9292");
    }
}
