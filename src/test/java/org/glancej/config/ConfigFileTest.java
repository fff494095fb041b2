package org.glancej.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glancej.auth.AuthConfig;
import org.glancej.http.ServerConfig;
import org.glancej.images.ImagesConfig;
import java.util.Set;
import org.glancej.store.StoresConfig;
import org.glancej.store.file.FileStoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigFileTest.class.getResource("/config/" + name).toURI());
    }

    @Test
    void installGuideFileLoadsUnchanged() throws Exception {
        ConfigFile conf = ConfigFile.load(List.of(resource("install-guide-glance-api.conf")));

        assertThat(conf.raw("database", "connection")).contains("mysql+pymysql://glance:GLANCE_DBPASS@controller/glance");
        assertThat(conf.raw("keystone_authtoken", "www_authenticate_uri")).contains("http://controller:5000");
        assertThat(AuthConfig.from(conf).authenticated()).isTrue();
        StoresConfig stores = StoresConfig.from(conf, Set.of("file", "http"));
        assertThat(stores.backends()).extracting(StoresConfig.Backend::id).containsExactly("file", "http");
        assertThat(FileStoreFactory.datadir(stores.backends().getFirst().options()))
                .isEqualTo(Path.of("/var/lib/glance/images/"));
        assertThat(ServerConfig.from(conf, true).bindHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void debianSampleWithHundredsOfCommentedOptionsLoads() throws Exception {
        ConfigFile conf = ConfigFile.load(List.of(resource("debian-glance-api.conf")));

        assertThat(conf.hasSection("glance.store.rbd.store")).isTrue();
        assertThat(conf.raw("keystone_authtoken", "region_name")).contains("regionOne");
        ImagesConfig images = ImagesConfig.from(conf);
        assertThat(images.limitParamDefault()).isEqualTo(25);
        assertThat(images.apiLimitMax()).isEqualTo(1000);
        assertThat(images.imageSizeCap()).isEqualTo(1099511627776L);
        assertThat(images.hashingAlgorithm()).isEqualTo("sha512");
        assertThat(images.diskFormats()).contains("qcow2", "raw", "iso", "ploop");
    }

    @Test
    void embeddedDefaultsWithoutAnyFile() {
        ConfigFile conf = ConfigFile.empty();

        assertThat(AuthConfig.from(conf).authenticated()).isFalse();
        ServerConfig server = ServerConfig.from(conf, false);
        assertThat(server.bindHost()).isEqualTo("127.0.0.1");
        assertThat(server.bindPort()).isEqualTo(9292);
        assertThat(server.activeRequests()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        assertThat(ServerConfig.from(ConfigFile.parse("[api_server]\nmax_active_requests = 0\n"), false)
                .activeRequests()).isZero();
        assertThat(FileStoreFactory.datadir(StoresConfig.from(conf, Set.of("file")).backends().getFirst().options()))
                .isEqualTo(Path.of("data/images"));
        assertThat(ImagesConfig.from(conf).showImageDirectUrl()).isFalse();
    }

    @Test
    void continuationLinesQuotesCommentsAndColons() {
        ConfigFile conf = ConfigFile.parse("""
                # comment
                ; another comment
                [DEFAULT]
                bind_port: 9393
                show_image_direct_url = True
                public_endpoint = "http://example.org:9292"
                [image_format]
                disk_formats = qcow2,
                  raw , iso
                container_formats = [bare, ovf]
                """);

        assertThat(ServerConfig.from(conf, false).bindPort()).isEqualTo(9393);
        assertThat(ServerConfig.from(conf, false).publicEndpoint()).contains("http://example.org:9292");
        ImagesConfig images = ImagesConfig.from(conf);
        assertThat(images.showImageDirectUrl()).isTrue();
        assertThat(images.diskFormats()).containsExactly("qcow2", "raw", "iso");
        assertThat(images.containerFormats()).containsExactly("bare", "ovf");
    }

    @Test
    void laterFilesOverrideEarlierOnes(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("a.conf"), "[DEFAULT]\nbind_port = 1\nbind_host = 10.0.0.1\n");
        Path second = Files.writeString(dir.resolve("b.conf"), "[DEFAULT]\nbind_port = 2\n");

        ServerConfig server = ServerConfig.from(ConfigFile.load(List.of(first, second)), false);

        assertThat(server.bindPort()).isEqualTo(2);
        assertThat(server.bindHost()).isEqualTo("10.0.0.1");
    }

    @Test
    void badValuesNameSectionOptionAndValue() {
        assertThatThrownBy(() -> ServerConfig.from(ConfigFile.parse("[DEFAULT]\nbind_port = http\n"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[DEFAULT] bind_port = http");
        assertThatThrownBy(() -> ImagesConfig.from(ConfigFile.parse("[DEFAULT]\nshow_image_direct_url = maybe\n")))
                .hasMessageContaining("[DEFAULT] show_image_direct_url = maybe");
        assertThatThrownBy(() -> ImagesConfig.from(ConfigFile.parse("[DEFAULT]\nhashing_algorithm = crc32\n")))
                .hasMessageContaining("[DEFAULT] hashing_algorithm = crc32");
        assertThatThrownBy(() -> AuthConfig.from(ConfigFile.parse("[paste_deploy]\nflavor = keystone+cachemanagement\n")))
                .hasMessageContaining("[paste_deploy] flavor = keystone+cachemanagement");
        assertThatThrownBy(() -> ImagesConfig.from(ConfigFile.parse("[DEFAULT]\napi_limit_max = -5\n")))
                .hasMessageContaining("[DEFAULT] api_limit_max = -5");
    }

    @Test
    void malformedLinesAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> ConfigFile.parse("[DEFAULT]\njust some words\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2:");
        assertThatThrownBy(() -> ConfigFile.parse("bind_port = 1\n")).hasMessageContaining("outside of any [section]");
        assertThatThrownBy(() -> ConfigFile.load(List.of(Path.of("/nonexistent/glance-api.conf"))))
                .hasMessageContaining("/nonexistent/glance-api.conf");
    }
}
