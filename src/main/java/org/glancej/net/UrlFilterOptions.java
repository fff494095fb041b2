package org.glancej.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/**
 * Upstream's {@code [import_filtering_opts]}: which schemes, hosts and ports the service may fetch from. As
 * upstream, an allow list, when given, makes the matching deny list ignored; hosts compare as the URL names
 * them (a listed name does not list its addresses, nor an address the names pointing at it). A host in
 * {@code allowed_hosts} may also be an internal address, which is otherwise always refused.
 */
public record UrlFilterOptions(List<String> allowedSchemes, List<String> disallowedSchemes, Set<String> allowedHosts,
        Set<String> disallowedHosts, List<Integer> allowedPorts, List<Integer> disallowedPorts) {
    public static final String SECTION = "import_filtering_opts";

    public UrlFilterOptions {
        allowedSchemes = List.copyOf(allowedSchemes);
        disallowedSchemes = allowedSchemes.isEmpty() ? List.copyOf(disallowedSchemes) : List.of();
        allowedHosts = Set.copyOf(allowedHosts);
        disallowedHosts = allowedHosts.isEmpty() ? Set.copyOf(disallowedHosts) : Set.of();
        allowedPorts = List.copyOf(allowedPorts);
        disallowedPorts = allowedPorts.isEmpty() ? List.copyOf(disallowedPorts) : List.of();
    }

    /** Upstream's defaults: http and https, ports 80 and 443, any public host. */
    public static UrlFilterOptions defaults() {
        return new UrlFilterOptions(List.of("http", "https"), List.of(), Set.of(), Set.of(), List.of(80, 443), List.of());
    }

    public static UrlFilterOptions from(ConfigFile conf) {
        return new UrlFilterOptions(
                lower(conf.list(SECTION, "allowed_schemes", List.of("http", "https"))),
                lower(conf.list(SECTION, "disallowed_schemes", List.of())),
                hosts(conf, "allowed_hosts"),
                hosts(conf, "disallowed_hosts"),
                ports(conf, "allowed_ports", List.of(80, 443)),
                ports(conf, "disallowed_ports", List.of()));
    }

    /** Also the given hosts, e.g. a test server's. */
    public UrlFilterOptions allowingHosts(String... hosts) {
        Set<String> more = new java.util.HashSet<>(allowedHosts);
        for (String host : hosts) {
            more.add(canonical(host));
        }
        return new UrlFilterOptions(allowedSchemes, disallowedSchemes, more, disallowedHosts, allowedPorts, disallowedPorts);
    }

    public UrlFilterOptions allowingPorts(Integer... ports) {
        List<Integer> more = new ArrayList<>(allowedPorts);
        more.addAll(List.of(ports));
        return new UrlFilterOptions(allowedSchemes, disallowedSchemes, allowedHosts, disallowedHosts, more, disallowedPorts);
    }

    boolean schemeAllowed(String scheme) {
        return allowedSchemes.isEmpty() ? !disallowedSchemes.contains(scheme) : allowedSchemes.contains(scheme);
    }

    boolean portAllowed(int port) {
        return allowedPorts.isEmpty() ? !disallowedPorts.contains(port) : allowedPorts.contains(port);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static Set<String> hosts(ConfigFile conf, String option) {
        Set<String> hosts = new java.util.HashSet<>();
        for (String value : conf.list(SECTION, option, List.of())) {
            try {
                hosts.add(canonical(value));
            } catch (UrlRefusedException e) {
                throw ConfigException.badValue(SECTION, option, value, e.getMessage());
            }
        }
        return hosts;
    }

    /** A host as the guard compares it: what {@link HostSpelling} makes of it; IPv6 with or without brackets. */
    static String canonical(String host) {
        String h = host.strip();
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return HostSpelling.parse(h).text();
    }

    private static List<Integer> ports(ConfigFile conf, String option, List<Integer> defaults) {
        if (conf.raw(SECTION, option).isEmpty()) {
            return defaults;
        }
        List<Integer> ports = new ArrayList<>();
        for (String value : conf.list(SECTION, option, List.of())) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(port);
            } catch (NumberFormatException e) {
                throw ConfigException.badValue(SECTION, option, value, "not a port between 1 and 65535");
            }
        }
        return ports;
    }
}
