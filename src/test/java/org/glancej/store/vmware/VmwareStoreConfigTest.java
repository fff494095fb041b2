package org.glancej.store.vmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Test;

class VmwareStoreConfigTest {
    private static VmwareStoreConfig parse(String options) {
        return VmwareStoreConfig.from(new StoreSection(ConfigFile.parse("[glance_store]\n" + options), "glance_store",
                "vmware", null));
    }

    private static final String REQUIRED = """
            vmware_server_host = vc.example.org
            vmware_server_username = root
            vmware_server_password = secret
            vmware_datastores = DC0:ds0
            """;

    @Test
    void defaultsAreUpstreams() {
        VmwareStoreConfig config = parse(REQUIRED);

        assertThat(config.server()).isEqualTo(URI.create("https://vc.example.org"));
        assertThat(config.locationHost()).isEqualTo("vc.example.org");
        assertThat(config.imageDir()).isEqualTo("openstack_glance");
        assertThat(config.insecure()).isFalse();
        assertThat(config.caFile()).isEmpty();
        assertThat(config.apiRetryCount()).isEqualTo(10);
        assertThat(config.taskPollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.datastores()).containsExactly(new VmwareStoreConfig.Datastore("DC0", "ds0", 0));
    }

    @Test
    void everyOptionIsRead() {
        VmwareStoreConfig config = parse("""
                vmware_server_host = http://127.0.0.1:18989
                vmware_server_username = glance
                vmware_server_password = pw
                vmware_datastores = folder/DC0:ds 0:100
                vmware_datastores = DC1 : ds1 :
                vmware_store_image_dir = /images/glance/
                vmware_api_insecure = true
                vmware_ca_file = /etc/ca.pem
                vmware_api_retry_count = 3
                vmware_task_poll_interval = 2
                """);

        assertThat(config.server()).isEqualTo(URI.create("http://127.0.0.1:18989"));
        assertThat(config.locationHost()).isEqualTo("127.0.0.1:18989");
        assertThat(config.datastores()).isEqualTo(List.of(new VmwareStoreConfig.Datastore("folder/DC0", "ds 0", 100),
                new VmwareStoreConfig.Datastore("DC1", "ds1", 0)));
        assertThat(config.imageDir()).isEqualTo("images/glance");
        assertThat(config.insecure()).isTrue();
        assertThat(config.caFile()).isEqualTo("/etc/ca.pem");
        assertThat(config.apiRetryCount()).isEqualTo(3);
        assertThat(config.taskPollInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void hostsWithAPortOrAnIpv6Address() {
        assertThat(parse(REQUIRED.replace("vc.example.org", "vc.example.org:8443")).server())
                .isEqualTo(URI.create("https://vc.example.org:8443"));
        VmwareStoreConfig v6 = parse(REQUIRED.replace("vc.example.org", "fd00::1"));
        assertThat(v6.server()).isEqualTo(URI.create("https://[fd00::1]"));
        assertThat(v6.locationHost()).isEqualTo("[fd00::1]");
    }

    @Test
    void badValuesNameTheirOption() {
        assertThatThrownBy(() -> parse(REQUIRED.replace("DC0:ds0", "onlyone"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("vmware_datastores");
        assertThatThrownBy(() -> parse(REQUIRED.replace("DC0:ds0", "DC0:ds0:heavy"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> parse(REQUIRED.replace("vmware_datastores = DC0:ds0\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vmware_datastores is required");
        assertThatThrownBy(() -> parse(REQUIRED.replace("vc.example.org", "ftp://vc"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("vmware_server_host");
        assertThatThrownBy(() -> parse(REQUIRED.replace("vmware_server_password = secret\n", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vmware_server_password is required");
        assertThatThrownBy(() -> parse(REQUIRED + "vmware_api_retry_count = 0\n")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> parse(REQUIRED + "vmware_task_poll_interval = 0\n")).isInstanceOf(ConfigException.class);
    }
}
