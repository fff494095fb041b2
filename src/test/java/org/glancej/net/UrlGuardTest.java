package org.glancej.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {
    /** A name service with a few public and a few internal names; everything else does not resolve. */
    private static final Map<String, List<String>> DNS = Map.of(
            "images.example.com", List.of("93.184.216.34"),
            "localhost", List.of("127.0.0.1", "::1"),
            "127.0.0.1.nip.io", List.of("127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "mixed.example.com", List.of("93.184.216.34", "10.0.0.7"),
            "v6only.example.com", List.of("2606:2800:220:1:248:1893:25c8:1946"),
            "ula.example.com", List.of("fd00::5"));

    private final List<String> lookedUp = new ArrayList<>();

    private List<InetAddress> resolve(String name) throws UnknownHostException {
        lookedUp.add(name);
        List<String> addresses = DNS.get(name);
        if (addresses == null) {
            throw new UnknownHostException(name);
        }
        List<InetAddress> result = new ArrayList<>();
        for (String a : addresses) {
            result.add(InetAddress.ofLiteral(a));
        }
        return result;
    }

    private UrlGuard guard(UrlFilterOptions options) {
        return new UrlGuard(options, this::resolve);
    }

    private final UrlGuard guard = guard(UrlFilterOptions.defaults());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1/img                       | loopback
            http://127.0.0.1./img                      | loopback
            http://127.1/img                           | non-standard spelling of the IP address 127.0.0.1
            http://127.0.1/img                         | non-standard spelling of the IP address 127.0.0.1
            http://2130706433/img                      | non-standard spelling of the IP address 127.0.0.1
            http://0x7f000001/img                      | non-standard spelling of the IP address 127.0.0.1
            http://0X7F000001/img                      | non-standard spelling of the IP address 127.0.0.1
            http://0x7f.1/img                          | non-standard spelling of the IP address 127.0.0.1
            http://0x7f.0.0.1/img                      | non-standard spelling of the IP address 127.0.0.1
            http://0177.0.0.1/img                      | non-standard spelling of the IP address 127.0.0.1
            http://017700000001/img                    | non-standard spelling of the IP address 127.0.0.1
            http://0177.0.0.01/img                     | non-standard spelling of the IP address 127.0.0.1
            http://127.000.000.001/img                 | non-standard spelling of the IP address 127.0.0.1
            http://127.0.0.1.:80/img                   | loopback
            http://%31%32%37.0.0.1/img                 | loopback
            http://%31%32%37%2e1/img                   | non-standard spelling of the IP address 127.0.0.1
            http://１２７．０．０．１/img                 | loopback
            http://127。0。0。1/img                      | loopback
            http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/img                        | resolves to a loopback address
            http://LOCALHOST/img                       | resolves to a loopback address
            http://localhost./img                      | resolves to a loopback address
            http://127.0.0.1.nip.io/img                | resolves to a loopback address
            http://[::1]/img                           | loopback
            http://[0:0:0:0:0:0:0:1]/img               | loopback
            http://[::ffff:127.0.0.1]/img              | non-standard spelling of the IP address 127.0.0.1
            http://[::ffff:7f00:1]/img                 | non-standard spelling of the IP address 127.0.0.1
            http://[::127.0.0.1]/img                   | loopback
            http://[::ffff:0:127.0.0.1]/img            | loopback
            http://[64:ff9b::7f00:1]/img               | loopback
            http://[2002:7f00:1::]/img                 | loopback
            http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/ | loopback
            http://[64:ff9b:1::a9fe:a9fe]/             | link-local
            http://[0:0:0:0:0:ffff:127.0.0.1]/img      | non-standard spelling of the IP address 127.0.0.1
            http://[::ffff:8.8.8.8]/img                | non-standard spelling of the IP address 8.8.8.8
            http://0x7f.0x0.0x0.0x1/img                | non-standard spelling of the IP address 127.0.0.1
            http://127.0.0.1%2f@images.example.com/    | user information
            http://images.example.com%2f@127.0.0.1/    | user information
            http://127.0.0.1%09/img                    | not a valid host name
            http://[::1%25lo]/img                      | not a valid IPv6 address
            http://[::1]x/img                          | not a valid IPv6 address
            http://[::ffff:169.254.169.254]/img        | non-standard spelling of the IP address 169.254.169.254
            http://[::ffff:a9fe:a9fe]/img              | non-standard spelling of the IP address 169.254.169.254
            http://169.254.169.254/latest/meta-data/   | link-local
            http://2852039166/latest/meta-data/        | non-standard spelling of the IP address 169.254.169.254
            http://0xa9.0xfe.0xa9.0xfe/                | non-standard spelling of the IP address 169.254.169.254
            http://0251.0376.0251.0376/                | non-standard spelling of the IP address 169.254.169.254
            http://metadata.example.com/               | resolves to a link-local address
            http://[fe80::1]/img                       | link-local
            http://[fe80::1%25eth0]/img                | not a valid IPv6 address
            http://[febf::1]/img                       | link-local
            http://10.0.0.1/img                        | private
            http://10.255.255.255/img                  | private
            http://172.16.0.1/img                      | private
            http://172.31.255.254/img                  | private
            http://192.168.1.1/img                     | private
            http://100.64.0.1/img                      | private
            http://100.127.255.254/img                 | private
            http://[fc00::1]/img                       | private
            http://[fd12:3456::1]/img                  | private
            http://mixed.example.com/img               | resolves to a private address
            http://ula.example.com/img                 | resolves to a private
            http://0.0.0.0/img                         | unspecified
            http://0/img                               | non-standard spelling of the IP address 0.0.0.0
            http://[::]/img                            | unspecified
            http://224.0.0.1/img                       | multicast
            http://239.255.255.250/img                 | multicast
            http://[ff02::1]/img                       | multicast
            http://255.255.255.255/img                 | broadcast
            http://0xffffffff/img                      | non-standard spelling of the IP address 255.255.255.255
            http://images.example.com@127.0.0.1/img    | user information
            http://127.0.0.1@images.example.com/img    | user information
            http://user:secret@images.example.com/img  | user information
            http://images.example.com\\@127.0.0.1/img  | backslashes
            http://images.example.com:8080/img         | port 8080 is not allowed
            http://images.example.com:/img             | port is not a number
            http://images.example.com:99999/img        | port is out of range
            http://::1/img                             | brackets
            http://1.2.3.4.5/img                       | not a valid IPv4 address
            http://256.0.0.1/img                       | not a valid IPv4 address
            http://0x1g/img                            | not a valid IPv4 address
            http://%zz.example.com/img                 | malformed percent escape
            http://exa%00mple.com/img                  | not a valid host name
            http:///img                                | no host
            ftp://images.example.com/img               | only http and https
            file:///etc/passwd                         | only http and https
            gopher://info.cern.ch                      | only http and https
            images.example.com/img                     | no scheme
            http://nowhere.invalid/img                 | does not resolve
            """)
    void hostileSpellingsAreRefusedWithTheirReason(String url, String reason) {
        assertThatThrownBy(() -> guard.check(url)).isInstanceOfSatisfying(UrlRefusedException.class,
                e -> assertThat(e.getMessage()).contains(reason).doesNotContain("secret").doesNotContain("user:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://images.example.com/img", "https://images.example.com/img", "http://93.184.216.34/img",
            "HTTP://Images.Example.COM/img", "http://images.example.com./img", "http://[2606:2800:220:1:248:1893:25c8:1946]/",
            "http://v6only.example.com/img", "http://8.8.8.8/img", "http://172.32.0.1/", "http://100.128.0.1/",
            "http://images.example.com:443/img"})
    void publicHostsAreAccepted(String url) {
        assertThat(guard.check(url).addresses()).isNotEmpty();
    }

    @Test
    void theResultCarriesTheCheckedAddressesAndTheRequestWithoutFragment() {
        CheckedUrl checked = guard.check("http://images.example.com/a/b?c=d#new");

        assertThat(checked.addresses()).containsExactly(InetAddress.ofLiteral("93.184.216.34"));
        assertThat(checked.requestTarget()).isEqualTo("/a/b?c=d");
        assertThat(checked.hostHeader()).isEqualTo("images.example.com");
        assertThat(checked.literal()).isFalse();
        assertThat(lookedUp).containsExactly("images.example.com");
    }

    @Test
    void anAllowedHostMayBeInternalButOnlyAsListed() {
        UrlGuard allowing = guard(UrlFilterOptions.defaults().allowingHosts("127.0.0.1", "localhost").allowingPorts(8080));

        assertThat(allowing.check("http://127.0.0.1:8080/img").addresses()).containsExactly(InetAddress.ofLiteral("127.0.0.1"));
        assertThat(allowing.check("http://localhost/img").addresses()).hasSize(2);
        for (String other : List.of("http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://[::1]/",
                "http://[::ffff:127.0.0.1]:8080/", "http://[::127.0.0.1]:8080/",
                "http://169.254.169.254/", "http://127.0.0.2/", "http://images.example.com/")) {
            assertThatThrownBy(() -> allowing.check(other)).as(other).isInstanceOf(UrlRefusedException.class);
        }
    }

    @Test
    void disallowedHostsAndPortsAreRefusedWhenNoAllowListIsGiven() {
        UrlGuard guard = guard(UrlFilterOptions.from(ConfigFile.parse("""
                [import_filtering_opts]
                disallowed_hosts = images.example.com
                allowed_ports =
                disallowed_ports = 8443
                """)));

        assertThatThrownBy(() -> guard.check("http://Images.Example.com./x")).hasMessageContaining("disallowed_hosts");
        assertThatThrownBy(() -> guard.check("http://93.184.216.34:8443/x")).hasMessageContaining("port 8443");
        assertThat(guard.check("http://93.184.216.34:8080/x").port()).isEqualTo(8080);
    }

    @Test
    void allowedSchemesNarrowHttpAndHttps() {
        UrlGuard httpsOnly = guard(UrlFilterOptions.from(ConfigFile.parse("""
                [import_filtering_opts]
                allowed_schemes = https
                """)));

        assertThatThrownBy(() -> httpsOnly.check("http://images.example.com/x")).hasMessageContaining("scheme http");
        assertThat(httpsOnly.check("https://images.example.com/x").https()).isTrue();
    }

    @Test
    void optionsReadUpstreamsNamesAndDefaults() {
        UrlFilterOptions defaults = UrlFilterOptions.from(ConfigFile.empty());
        assertThat(defaults).isEqualTo(UrlFilterOptions.defaults());

        UrlFilterOptions set = UrlFilterOptions.from(ConfigFile.parse("""
                [import_filtering_opts]
                allowed_hosts = Images.Internal., [::1], 10.0.0.5
                disallowed_hosts = ignored.example.com
                allowed_ports = 80,8080
                """));
        assertThat(set.allowedHosts()).containsExactlyInAnyOrder("images.internal", "0:0:0:0:0:0:0:1", "10.0.0.5");
        assertThat(set.disallowedHosts()).isEmpty();
        assertThat(set.allowedPorts()).containsExactly(80, 8080);

        assertThatThrownBy(() -> UrlFilterOptions.from(ConfigFile.parse("[import_filtering_opts]\nallowed_ports = http\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowed_ports");
        assertThatThrownBy(() -> UrlFilterOptions.from(ConfigFile.parse("[import_filtering_opts]\nallowed_hosts = 0x7f.1\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowed_hosts");
    }

    @Test
    void redirectsAreResolvedAgainstTheirSourceAndCheckedAgain() {
        CheckedUrl from = guard.check("https://images.example.com/dir/img");

        assertThat(guard.checkRedirect(from, "other").url()).isEqualTo("https://images.example.com/dir/other");
        assertThat(guard.checkRedirect(from, "/top?x=1").url()).isEqualTo("https://images.example.com/top?x=1");
        assertThat(guard.checkRedirect(from, "//v6only.example.com/x").url()).isEqualTo("https://v6only.example.com/x");
        assertThatThrownBy(() -> guard.checkRedirect(from, "http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.checkRedirect(from, "//0x7f.1/")).hasMessageContaining("non-standard");
        assertThatThrownBy(() -> guard.checkRedirect(from, "file:///etc/passwd")).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> guard.checkRedirect(from, "")).hasMessageContaining("no target");
    }

    @Test
    void anUnresolvableHostIsTransientNotRefused() {
        assertThatThrownBy(() -> guard.check("http://nowhere.invalid/")).isInstanceOfSatisfying(UrlRefusedException.class,
                e -> assertThat(e.kind()).isEqualTo(UrlRefusedException.Kind.UNRESOLVED));
        assertThatThrownBy(() -> guard.check("http://127.0.0.1/")).isInstanceOfSatisfying(UrlRefusedException.class,
                e -> assertThat(e.kind()).isEqualTo(UrlRefusedException.Kind.REFUSED));
    }
}
