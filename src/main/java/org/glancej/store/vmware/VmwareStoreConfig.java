package org.glancej.store.vmware;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.store.StoreSection;

/**
 * A VMware datastore store's options, with glance_store's names and defaults.
 *
 * @param server where the vSphere API and datastore files are: {@code vmware_server_host}, a host as upstream
 *     takes it (HTTPS on 443), or, beyond upstream, {@code host:port} or {@code http(s)://host:port}
 * @param locationHost the host part of locations: {@code vmware_server_host} without a scheme, as upstream writes it
 * @param datastores {@code vmware_datastores}, each {@code datacenter_path:datastore_name[:weight]}
 * @param imageDir {@code vmware_store_image_dir}, without leading or trailing '/'
 * @param caFile {@code vmware_ca_file}, empty for the JDK's CAs (or none with {@code vmware_insecure})
 * @param insecure {@code vmware_insecure}: the server's certificate is not checked (ignored with a CA file)
 * @param apiRetryCount {@code vmware_api_retry_count}: how often a call is retried after the session expired
 * @param taskPollInterval {@code vmware_task_poll_interval}: between looks at a running task (deletion)
 * @param callTimeout how long an API call, or a read of image data, may wait for the server's next bytes
 * @param loginBackoff how long no login is tried after the server refused one (doubled while it keeps
 *     refusing): vCenter locks an account out after a few failed logins
 */
record VmwareStoreConfig(URI server, String locationHost, String username, String password,
        List<Datastore> datastores, String imageDir, String caFile, boolean insecure, int apiRetryCount,
        Duration taskPollInterval, Duration callTimeout, Duration loginBackoff) {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration LOGIN_BACKOFF = Duration.ofSeconds(10);
    static final Duration LONGEST_LOGIN_BACKOFF = Duration.ofMinutes(5);

    /** One of {@code vmware_datastores}: a datastore, by datacenter inventory path and name, and its weight. */
    record Datastore(String datacenterPath, String name, long weight) {}

    VmwareStoreConfig {
        requireNonNull(server, "server is null");
        requireNonNull(locationHost, "locationHost is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        datastores = List.copyOf(datastores);
        requireNonNull(imageDir, "imageDir is null");
        requireNonNull(caFile, "caFile is null");
        requireNonNull(taskPollInterval, "taskPollInterval is null");
        requireNonNull(callTimeout, "callTimeout is null");
        requireNonNull(loginBackoff, "loginBackoff is null");
    }

    /** The same store with other timeouts (tests freeze the server for seconds, not minutes). */
    VmwareStoreConfig withTimeouts(Duration otherCallTimeout, Duration otherLoginBackoff) {
        return new VmwareStoreConfig(server, locationHost, username, password, datastores, imageDir, caFile, insecure,
                apiRetryCount, taskPollInterval, otherCallTimeout, otherLoginBackoff);
    }

    static VmwareStoreConfig from(StoreSection options) {
        String host = required(options, "vmware_server_host");
        URI server = server(options, host);
        String locationHost = server.getRawAuthority();
        List<Datastore> datastores = new ArrayList<>();
        String section = options.sectionOf("vmware_datastores");
        // a multi-valued option, as upstream's: one datastore per line, the option repeated
        for (String value : options.conf().all(section, "vmware_datastores")) {
            if (!value.isBlank()) {
                datastores.add(datastore(section, value.strip()));
            }
        }
        if (datastores.isEmpty()) {
            throw new ConfigException("store '" + options.storeId() + "' (vmware): [" + section
                    + "] vmware_datastores is required (datacenter_path:datastore_name[:weight])");
        }
        String dir = options.string("vmware_store_image_dir", "/openstack_glance").strip();
        dir = dir.replaceAll("^/+|/+$", "");
        return new VmwareStoreConfig(server, locationHost, required(options, "vmware_server_username"),
                required(options, "vmware_server_password"), datastores, dir,
                options.string("vmware_ca_file", "").strip(), options.bool("vmware_insecure", options.bool("vmware_api_insecure", false)),
                options.integer("vmware_api_retry_count", 10, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(options.integer("vmware_task_poll_interval", 5, 1, Integer.MAX_VALUE)),
                CALL_TIMEOUT, LOGIN_BACKOFF);
    }

    private static String required(StoreSection options, String option) {
        String value = options.string(option, "").strip();
        if (value.isEmpty()) {
            throw new ConfigException("store '" + options.storeId() + "' (vmware): [" + options.sectionOf(option)
                    + "] " + option + " is required");
        }
        return value;
    }

    /** Upstream's host (HTTPS on 443), or host:port, or a URL naming http or https. */
    private static URI server(StoreSection options, String host) {
        String url = host.contains("://") ? host : "https://" + (isBareIpv6(host) ? "[" + host + "]" : host);
        try {
            URI uri = new URI(url);
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !pathless || uri.getRawQuery() != null) {
                throw new URISyntaxException(host, "not a host, host:port or http(s)://host:port");
            }
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            throw ConfigException.badValue(options.sectionOf("vmware_server_host"), "vmware_server_host", host,
                    "expected a host name or address, host:port, or http(s)://host:port");
        }
    }

    private static boolean isBareIpv6(String host) {
        return host.indexOf(':') != host.lastIndexOf(':') && !host.startsWith("[");
    }

    /** As upstream parses it: up to three ':'-separated parts from the right, the weight optional. */
    private static Datastore datastore(String section, String value) {
        String[] parts = rsplit(value);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw ConfigException.badValue(section, "vmware_datastores", value,
                    "expected datacenter_path:datastore_name or datacenter_path:datastore_name:weight");
        }
        long weight = 0;
        if (parts.length == 3 && !parts[2].isEmpty()) {
            try {
                weight = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                throw ConfigException.badValue(section, "vmware_datastores", value, "the weight is not an integer");
            }
        }
        return new Datastore(parts[0], parts[1], weight);
    }

    /** Python's {@code value.rsplit(":", 2)} with each part stripped. */
    private static String[] rsplit(String value) {
        int last = value.lastIndexOf(':');
        if (last < 0) {
            return new String[] {value.strip()};
        }
        int before = value.lastIndexOf(':', last - 1);
        if (before < 0) {
            return new String[] {value.substring(0, last).strip(), value.substring(last + 1).strip()};
        }
        return new String[] {value.substring(0, before).strip(), value.substring(before + 1, last).strip(),
                value.substring(last + 1).strip()};
    }
}
