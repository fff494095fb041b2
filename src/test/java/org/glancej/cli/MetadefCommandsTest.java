package org.glancej.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class MetadefCommandsTest {
    @Test
    void definitionsAreReadFromUpstreamsDirectoryUnlessMetadataSourcePathSaysOtherwise() {
        assertThat(MetadefCommands.sourcePath(ConfigFile.empty())).isEqualTo("/etc/glance/metadefs/");
        assertThat(MetadefCommands.sourcePath(ConfigFile.parse("[DEFAULT]\nmetadata_source_path = /srv/defs\n")))
                .isEqualTo("/srv/defs");
    }
}
