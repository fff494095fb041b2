package org.glancej.store.vmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Locations as glance_store's vmware driver writes and parses them; where Debian's python3-glance-store is
 * installed, checked against upstream's own StoreLocation.
 */
class VsphereLocationTest {
    private static final String[][] CASES = {
        {"127.0.0.1", "openstack_glance", "DC0", "LocalDS_0"},
        {"vc.example.org:8443", "images/glance", "Folder 1/DC~0*", "data store+1"},
        {"[fd00::1]", "", "dc", "ds"},
    };

    @Test
    void writtenAndParsedAsUpstreamDoes() {
        VsphereLocation location = VsphereLocation.of("127.0.0.1", "openstack_glance", "id-1", "DC0", "LocalDS_0");

        assertThat(location.url()).isEqualTo("vsphere://127.0.0.1/folder/openstack_glance/id-1?dsName=LocalDS_0&dcPath=DC0");
        assertThat(location.datastorePath()).isEqualTo("[LocalDS_0] /openstack_glance/id-1");
        assertThat(VsphereLocation.parse(location.url())).contains(location);
        assertThat(VsphereLocation.parse("vsphere://h/folder/x?dcPath=a%2Fb&dsName=c+d"))
                .contains(new VsphereLocation("h", "/folder/x", "a/b", "c d"));
    }

    @Test
    void malformedLocationsAreNotOurs() {
        assertThat(VsphereLocation.parse("vsphere://h/folder/x")).isEmpty();
        assertThat(VsphereLocation.parse("vsphere://h/elsewhere/x?dsName=a&dcPath=b")).isEmpty();
        assertThat(VsphereLocation.parse("vsphere://h/folder/x?dsName=a")).isEmpty();
        assertThat(VsphereLocation.parse("vsphere://h/folder/../x?dsName=a&dcPath=b")).isEmpty();
        assertThat(VsphereLocation.parse("file:///folder/x?dsName=a&dcPath=b")).isEmpty();
    }

    @Test
    void upstreamWritesTheSameLocationsAndReadsOurs() throws Exception {
        for (String[] c : CASES) {
            VsphereLocation ours = VsphereLocation.of(c[0], c[1], "0b6e1d1c-6e0b-4a0e-8d3c-1f1b3a2c4d5e", c[2], c[3]);
            String[] upstream = upstream(c[0], c[1], c[2], c[3], ours.url()).split("\n");

            assertThat(upstream[0]).isEqualTo(ours.url());
            assertThat(upstream[1]).isEqualTo(ours.path());
            assertThat(upstream[2]).isEqualTo(c[2]);
            assertThat(upstream[3]).isEqualTo(c[3]);
            assertThat(upstream[4]).isEqualTo(ours.datastorePath());
        }
    }

    /** Upstream's location for these parts, then what it parses from {@code url}, and its deletion path. */
    private static String upstream(String host, String dir, String dc, String ds, String url) throws Exception {
        String script = """
                import sys
                from oslo_config import cfg
                from glance_store._drivers import vmware_datastore as v
                host, d, dc, ds, url = sys.argv[1:]
                conf = cfg.ConfigOpts()
                written = v.StoreLocation({'scheme': 'vsphere', 'server_host': host.strip('[]'), 'image_dir': '/' + d,
                    'datacenter_path': dc, 'datastore_name': ds, 'image_id': '0b6e1d1c-6e0b-4a0e-8d3c-1f1b3a2c4d5e'}, conf)
                read = v.StoreLocation({}, conf)
                read.parse_uri(url)
                print(written.get_uri())
                print(read.path)
                print(read.datacenter_path)
                print(read.datastore_name)
                print('[%s] %s' % (read.datastore_name, read.path[len(v.DS_URL_PREFIX):]))
                """;
        Process python;
        try {
            python = new ProcessBuilder("/usr/bin/python3", "-c", script, host, dir, dc, ds, url).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no /usr/bin/python3");
            return "";
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(err.contains("ModuleNotFoundError"), "upstream glance_store is not installed");
        assertThat(python.exitValue()).as(err).isZero();
        return out;
    }
}
