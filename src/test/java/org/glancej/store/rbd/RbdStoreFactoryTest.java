package org.glancej.store.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Test;

class RbdStoreFactoryTest {

    @Test
    void defaultsAreUpstreams() {
        RbdStoreConfig config = RbdStoreFactory.config(section(""));

        assertThat(config).isEqualTo(new RbdStoreConfig("images", "", "", 8, -1, false));
        assertThat(config.order()).isEqualTo(23);
    }

    @Test
    void optionsAreReadUnderUpstreamsNames() {
        RbdStoreConfig config = RbdStoreFactory.config(section("""
                rbd_store_pool = glance-images
                rbd_store_user = glance
                rbd_store_ceph_conf = /etc/ceph/ceph.conf
                rbd_store_chunk_size = 4
                rados_connect_timeout = 10
                rbd_thin_provisioning = true
                """));

        assertThat(config).isEqualTo(new RbdStoreConfig("glance-images", "glance", "/etc/ceph/ceph.conf", 4, 10, true));
        assertThat(config.order()).isEqualTo(22);
        assertThat(config.chunkSizeBytes()).isEqualTo(4L << 20);
    }

    @Test
    void aChunkSizeThatIsNoPowerOfTwoRoundsDownAsUpstreams() {
        assertThat(RbdStoreFactory.config(section("rbd_store_chunk_size = 12\n")).order()).isEqualTo(23);
    }

    @Test
    void chunkSizesLibrbdCannotUseAreRefusedAtStartup() {
        assertThatThrownBy(() -> RbdStoreFactory.config(section("rbd_store_chunk_size = 0\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rbd_store_chunk_size");
        assertThatThrownBy(() -> RbdStoreFactory.config(section("rbd_store_chunk_size = 64\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rbd_store_chunk_size");
    }

    @Test
    void aMultiStoreSectionFallsBackToBackendDefaults() {
        ConfigFile conf = ConfigFile.parse("""
                [backend_defaults]
                rbd_store_chunk_size = 16
                [ceph]
                rbd_store_pool = fast
                """);
        RbdStoreConfig config = RbdStoreFactory.config(new StoreSection(conf, "ceph", "ceph", "backend_defaults"));

        assertThat(config.pool()).isEqualTo("fast");
        assertThat(config.chunkSizeMiB()).isEqualTo(16);
    }

    private static StoreSection section(String options) {
        return new StoreSection(ConfigFile.parse("[glance_store]\n" + options), "glance_store", "rbd", null);
    }
}
