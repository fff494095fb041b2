package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class StoresConfigTest {
    private static final Set<String> TYPES = Set.of("file", "http", "rbd");

    private static StoresConfig parse(String text) {
        return StoresConfig.from(ConfigFile.parse(text), TYPES);
    }

    @Test
    void legacyDefaultsAreFileAndHttpWithFileTakingData() {
        StoresConfig config = parse("");
        assertThat(config.multiStore()).isFalse();
        assertThat(config.backends()).extracting(StoresConfig.Backend::id).containsExactly("file", "http");
        assertThat(config.defaultId()).isEqualTo("file");
        assertThat(config.reserved()).extracting(StoresConfig.Backend::id).containsExactly(StoresConfig.STAGING_STORE);
        assertThat(config.reserved().getFirst().options().string("filesystem_store_datadir", ""))
                .isEqualTo("/tmp/staging/");
    }

    @Test
    void legacyStagesAtNodeStagingUriWhichMustBeAFileUri() {
        StoresConfig config = parse("[DEFAULT]\nnode_staging_uri = file:///var/lib/glance/staging\n");
        assertThat(config.reserved().getFirst().options().string("filesystem_store_datadir", ""))
                .isEqualTo("/var/lib/glance/staging");
        assertThatThrownBy(() -> parse("[DEFAULT]\nnode_staging_uri = /var/lib/glance/staging\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node_staging_uri");
        assertThatThrownBy(() -> parse("[DEFAULT]\nnode_staging_uri = file://relative/dir\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node_staging_uri");
    }

    @Test
    void legacyDefaultStoreMustBeEnabledAndEveryTypeKnown() {
        assertThatThrownBy(() -> parse("[glance_store]\nstores = file\ndefault_store = rbd\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default_store");
        assertThatThrownBy(() -> parse("[glance_store]\nstores = file,swift\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'swift'");
    }

    @Test
    void multiStoreReadsEachBackendsSectionAndTheReservedStores() {
        StoresConfig config = parse("""
                [DEFAULT]
                enabled_backends = fast:rbd, cheap:file
                [glance_store]
                default_backend = fast
                [fast]
                store_description = Ceph
                weight = 50
                [backend_defaults]
                rbd_store_pool = shared
                """);
        assertThat(config.multiStore()).isTrue();
        assertThat(config.backends()).extracting(StoresConfig.Backend::id, StoresConfig.Backend::type,
                StoresConfig.Backend::description, StoresConfig.Backend::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fast", "rbd", "Ceph", 50L),
                        org.assertj.core.groups.Tuple.tuple("cheap", "file", "", 0L));
        assertThat(config.backends().getFirst().options().string("rbd_store_pool", "images")).isEqualTo("shared");
        assertThat(config.reserved()).extracting(StoresConfig.Backend::id)
                .containsExactly(StoresConfig.STAGING_STORE, StoresConfig.TASKS_STORE);
    }

    @Test
    void multiStoreRefusesWhatUpstreamRefuses() {
        assertThatThrownBy(() -> parse("[DEFAULT]\nenabled_backends = a:file\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default_backend");
        assertThatThrownBy(() -> parse("[DEFAULT]\nenabled_backends = a:file\n[glance_store]\ndefault_backend = b\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default_backend");
        assertThatThrownBy(() -> parse("[DEFAULT]\nenabled_backends = os_glance_x:file\n[glance_store]\ndefault_backend = os_glance_x\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> parse("[DEFAULT]\nenabled_backends = a:file, a:rbd\n[glance_store]\ndefault_backend = a\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("[DEFAULT]\nenabled_backends = a:cinder\n[glance_store]\ndefault_backend = a\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'cinder'");
        assertThatThrownBy(() -> parse("[DEFAULT]\nenabled_backends = justanid\n[glance_store]\ndefault_backend = justanid\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("id:type");
    }
}
