package org.glancej.imports.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.net.HostResolver;
import org.glancej.net.UrlFilterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF corpus: URLs a client may give web-download to make the service reach its own network. Each is
 * refused when the import is asked for, with upstream's 400 message, and again if the task tries to open it;
 * nothing is connected to.
 */
class ImportSourcesSsrfTest {
    /** Names a hostile DNS answers with internal addresses, and one public name as the control. */
    private static final Map<String, List<String>> DNS = Map.of(
            "localhost", List.of("127.0.0.1", "::1"),
            "internal.example", List.of("10.1.2.3"),
            "metadata.example", List.of("169.254.169.254"),
            "mixed.example", List.of("93.184.216.34", "127.0.0.1"),
            "v6.example", List.of("::1"),
            "mapped.example", List.of("::ffff:192.168.0.1"),
            "unspecified.example", List.of("0.0.0.0"),
            "public.example", List.of("93.184.216.34"));

    private final AtomicInteger lookups = new AtomicInteger();

    private final HostResolver dns = name -> {
        lookups.incrementAndGet();
        List<String> addresses = DNS.get(name);
        if (addresses == null) {
            throw new UnknownHostException(name);
        }
        return addresses.stream().map(InetAddress::ofLiteral).toList();
    };

    private ImportSources sources(UrlFilterOptions filter) {
        return new ImportSources(new ImportSourceConfig(filter, 1 << 30, ImportSourceConfig.EXTRA_PROPERTIES,
                Duration.ofMillis(200), Duration.ofMillis(200)), dns, GlanceEndpoints.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // loopback in every spelling
        "http://127.0.0.1/image", "http://127.1/image", "http://2130706433/image", "http://0x7f000001/image",
        "http://017700000001/image", "http://0177.0.0.1/image", "http://0x7f.1/image", "http://127.0.0.1./image",
        "http://%31%32%37.0.0.1/image", "http://１２７.０.０.１/image", "http://[::ffff:127.0.0.1]/image",
        "http://[::ffff:7f00:1]/image", "http://[::1]/image", "http://[::127.0.0.1]/image",
        "http://[0:0:0:0:0:0:0:1]/image",
        // metadata service, link-local, unspecified
        "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/image", "http://0.0.0.0/image", "http://0/image",
        "http://[::]/image",
        // private ranges
        "http://10.0.0.1/image", "http://172.16.0.1/image", "http://172.31.255.255/image", "http://192.168.1.1/image",
        "http://100.64.0.1/image", "http://[fd00::1]/image", "http://[64:ff9b::a9fe:a9fe]/image",
        "http://[2002:7f00:1::]/image",
        // names resolving to internal addresses
        "http://localhost/image", "http://internal.example/image", "http://metadata.example/image",
        "http://mixed.example/image", "http://v6.example/image", "http://mapped.example/image",
        "http://unspecified.example/image",
        // schemes, ports, user information
        "file:///etc/passwd", "ftp://public.example/image", "gopher://public.example/", "jar:http://public.example/x",
        "http://public.example:8080/image", "http://public.example:22/image", "https://public.example:6443/x",
        "http://user@public.example/image", "http://public.example@127.0.0.1/image", "//public.example/image",
        "http://public.example\\@127.0.0.1/image", "http://public.example /image", ""})
    void isRefusedWithUpstreamsMessageAndNeverOpened(String uri) {
        ImportSources sources = sources(UrlFilterOptions.defaults());

        assertThatThrownBy(() -> sources.checkWebDownloadUri(uri))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessage("URI for web-download does not pass filtering: " + uri);
        assertThatThrownBy(() -> sources.openWebDownload(uri))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessage("URI for web-download does not pass filtering: " + uri);
    }

    @Test
    void aNameThatDoesNotResolveFailsWhenReadNotWhenAskedFor() {
        ImportSources sources = sources(UrlFilterOptions.defaults());

        // Tempest's negative web-download test: the import is accepted, and its task fails
        assertThatCode(() -> sources.checkWebDownloadUri("http://nowhere.example/image")).doesNotThrowAnyException();
        assertThatCode(() -> sources.checkLegacyImportFrom("http://nowhere.example/image")).doesNotThrowAnyException();
        assertThatThrownBy(() -> sources.openWebDownload("http://nowhere.example/image"))
                .isInstanceOf(ImportSourceException.class);
    }

    @Test
    void aPublicNameOnAnAllowedPortPasses() {
        ImportSources sources = sources(UrlFilterOptions.defaults());

        assertThatCode(() -> sources.checkWebDownloadUri("http://public.example/image.qcow2")).doesNotThrowAnyException();
        assertThatCode(() -> sources.checkWebDownloadUri("https://public.example/image.qcow2")).doesNotThrowAnyException();
        assertThatCode(() -> sources.checkWebDownloadUri("http://93.184.216.34:80/x")).doesNotThrowAnyException();
    }

    @Test
    void anAllowedInternalAddressIsAllowedOnlyInItsStandardSpelling() {
        ImportSources sources = sources(UrlFilterOptions.defaults().allowingHosts("127.0.0.1"));

        assertThatCode(() -> sources.checkWebDownloadUri("http://127.0.0.1/image")).doesNotThrowAnyException();
        for (String uri : List.of("http://127.1/image", "http://2130706433/image", "http://0x7f000001/image",
                "http://017700000001/image", "http://[::ffff:127.0.0.1]/image", "http://localhost/image",
                "http://169.254.169.254/image", "http://public.example/image")) {
            assertThatThrownBy(() -> sources.checkWebDownloadUri(uri)).as(uri).isInstanceOf(GlanceException.class);
        }
    }

    @Test
    void aNameListedInAllowedHostsMayResolveToAnInternalAddress() {
        ImportSources sources = sources(UrlFilterOptions.defaults().allowingHosts("internal.example"));

        assertThatCode(() -> sources.checkWebDownloadUri("http://internal.example/image")).doesNotThrowAnyException();
        // listing the name lists neither its address nor other names resolving to internal addresses
        assertThatThrownBy(() -> sources.checkWebDownloadUri("http://10.1.2.3/image")).isInstanceOf(GlanceException.class);
        assertThatThrownBy(() -> sources.checkWebDownloadUri("http://metadata.example/image"))
                .isInstanceOf(GlanceException.class);
    }

    @Test
    void theDenyListsApplyWhenNoAllowListIsGiven() {
        ImportSources sources = sources(new UrlFilterOptions(List.of(), List.of("http"), Set.of(),
                Set.of("public.example"), List.of(), List.of(8080)));

        assertThatThrownBy(() -> sources.checkWebDownloadUri("http://93.184.216.34/x")).isInstanceOf(GlanceException.class);
        assertThatThrownBy(() -> sources.checkWebDownloadUri("https://public.example/x")).isInstanceOf(GlanceException.class);
        assertThatThrownBy(() -> sources.checkWebDownloadUri("https://93.184.216.34:8080/x"))
                .isInstanceOf(GlanceException.class);
        assertThatCode(() -> sources.checkWebDownloadUri("https://93.184.216.34:8443/x")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.1/image", "http://2130706433/image", "http://[::ffff:127.0.0.1]/image",
        "http://169.254.169.254/latest/meta-data/", "http://internal.example/image", "http://public.example:8080/x"})
    void theLegacyTasksApiFiltersItsImportFromAsWebDownload(String uri) {
        ImportSources sources = sources(UrlFilterOptions.defaults());

        assertThatThrownBy(() -> sources.checkLegacyImportFrom(uri))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessage("URI for legacy import task does not pass filtering: " + uri);
        assertThatThrownBy(() -> sources.openLegacyImportFrom(uri))
                .isInstanceOfSatisfying(ImportSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessage("URI for legacy import task does not pass filtering: " + uri);
    }

    @Test
    void theLegacyTasksApiRefusesOtherSchemesInUpstreamsWords() {
        ImportSources sources = sources(UrlFilterOptions.defaults());

        assertThatThrownBy(() -> sources.checkLegacyImportFrom(null)).hasMessage("Invalid location: None");
        assertThatThrownBy(() -> sources.checkLegacyImportFrom("file:///etc/passwd"))
                .hasMessage("File based imports are not allowed. Please use a non-local source of image data.");
        assertThatThrownBy(() -> sources.checkLegacyImportFrom("swift+config://ref/c/o"))
                .hasMessage("The given uri is not valid. Please specify a valid uri from the following list of "
                        + "supported uri ['http']");
        assertThatCode(() -> sources.checkLegacyImportFrom("http://public.example/image")).doesNotThrowAnyException();
    }

    @Test
    void internalLiteralsAreRefusedWithoutAskingTheResolver() {
        ImportSources sources = sources(UrlFilterOptions.defaults());

        assertThatThrownBy(() -> sources.checkWebDownloadUri("http://2130706433/")).isInstanceOf(GlanceException.class);
        assertThatThrownBy(() -> sources.checkWebDownloadUri("http://[::1]/")).isInstanceOf(GlanceException.class);
        assertThat(lookups).hasValue(0);
    }
}
