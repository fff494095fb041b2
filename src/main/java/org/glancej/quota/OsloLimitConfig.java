package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.KeystoneCredentials;
import org.glancej.keystone.KeystoneHttpOptions;

/**
 * {@code [oslo_limit]}: how to reach Keystone's limits and which endpoint's limits are Glance's. As oslo.limit
 * does, the endpoint is {@code endpoint_id}, or else the one endpoint of the service named by
 * {@code endpoint_service_type} / {@code endpoint_service_name} in {@code endpoint_region_name} (if set) with
 * {@code endpoint_interface}. Read only when {@code [DEFAULT] use_keystone_limits} is true, where a missing
 * setting is a startup error instead of upstream's 500 on the first checked request.
 *
 * @param endpointInterface {@code public}, {@code internal} or {@code admin} (a legacy {@code URL} suffix dropped)
 * @param http keystoneauth's {@code cafile}, {@code insecure}, {@code timeout} (30 s here, for connecting and for
 *     the whole answer) and {@code connect_retries} (3 here, as for {@code [keystone_authtoken]})
 */
public record OsloLimitConfig(KeystoneCredentials credentials, String endpointId, String endpointServiceType,
        String endpointServiceName, String endpointRegionName, String endpointInterface, KeystoneHttpOptions http) {

    private static final String SECTION = "oslo_limit";
    private static final List<String> INTERFACES =
            List.of("public", "publicURL", "internal", "internalURL", "admin", "adminURL");

    public OsloLimitConfig {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(endpointInterface, "endpointInterface is null");
        requireNonNull(http, "http is null");
        if (endpointId == null && endpointServiceType == null && endpointServiceName == null) {
            throw new IllegalArgumentException("an endpoint id, service type or service name is required");
        }
    }

    public static OsloLimitConfig from(ConfigFile conf) {
        String authType = value(conf, "auth_type");
        if (authType == null || !List.of("password", "v3password").contains(authType)) {
            throw bad(authType, "auth_type",
                    "must be password or v3password when [DEFAULT] use_keystone_limits is true");
        }
        for (String unsupported : List.of("certfile", "keyfile")) {
            if (value(conf, unsupported) != null) {
                throw bad(value(conf, unsupported), unsupported, "client certificates are not supported");
            }
        }
        String endpointId = value(conf, "endpoint_id");
        String serviceType = value(conf, "endpoint_service_type");
        String serviceName = value(conf, "endpoint_service_name");
        if (endpointId == null && serviceType == null && serviceName == null) {
            throw bad("", "endpoint_id", "set endpoint_id, or endpoint_service_type / endpoint_service_name");
        }
        String endpointInterface = conf.choice(SECTION, "endpoint_interface", "publicURL", INTERFACES);
        return new OsloLimitConfig(credentials(conf), endpointId, serviceType, serviceName,
                value(conf, "endpoint_region_name"), endpointInterface.replaceFirst("URL$", ""), http(conf));
    }

    private static KeystoneCredentials credentials(ConfigFile conf) {
        String defaultDomainId = value(conf, "default_domain_id");
        String defaultDomainName = value(conf, "default_domain_name");
        String userId = value(conf, "user_id");
        String username = value(conf, "username");
        String userDomainId = orElse(value(conf, "user_domain_id"), defaultDomainId);
        String userDomainName = orElse(value(conf, "user_domain_name"), defaultDomainName);
        String password = value(conf, "password");
        if (userId == null && username == null) {
            throw bad("", "username", "set username (with user_domain_name or user_domain_id) or user_id");
        }
        if (userId == null && userDomainId == null && userDomainName == null) {
            throw bad(username, "username", "a user name needs user_domain_name or user_domain_id");
        }
        if (password == null) {
            throw new ConfigException("[oslo_limit] password must be set when [DEFAULT] use_keystone_limits is true");
        }
        String systemScope = value(conf, "system_scope");
        String projectId = value(conf, "project_id");
        String projectName = value(conf, "project_name");
        String projectDomainId = orElse(value(conf, "project_domain_id"), defaultDomainId);
        String projectDomainName = orElse(value(conf, "project_domain_name"), defaultDomainName);
        String domainId = value(conf, "domain_id");
        String domainName = value(conf, "domain_name");
        int scopes = (systemScope != null ? 1 : 0) + (projectId != null || projectName != null ? 1 : 0)
                + (domainId != null || domainName != null ? 1 : 0);
        if (scopes > 1) {
            throw new ConfigException(
                    "[oslo_limit]: scope the token to only one of system_scope, a project or a domain");
        }
        if (projectId == null && projectName != null && projectDomainId == null && projectDomainName == null) {
            throw bad(projectName, "project_name", "a project name needs project_domain_name or project_domain_id");
        }
        return new KeystoneCredentials(identityUrl(value(conf, "auth_url")), userId, username, userDomainId,
                userDomainName, password, systemScope, projectId, projectName, projectDomainId, projectDomainName,
                domainId, domainName, null);
    }

    /** keystoneauth accepts the versionless root or the v3 root; both lead to the v3 API. */
    static URI identityUrl(String authUrl) {
        if (authUrl == null) {
            throw bad("", "auth_url", "must be set when [DEFAULT] use_keystone_limits is true");
        }
        URI uri;
        try {
            uri = new URI(authUrl);
        } catch (URISyntaxException e) {
            throw bad(authUrl, "auth_url", "not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw bad(authUrl, "auth_url", "must be an http or https URL");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (path.endsWith("/v2.0")) {
            throw bad(authUrl, "auth_url", "Identity v2.0 has no limits API; use the v3 URL");
        }
        String root = uri.getScheme() + "://" + uri.getRawAuthority() + path;
        return URI.create(path.endsWith("/v3") ? root : root + "/v3");
    }

    private static KeystoneHttpOptions http(ConfigFile conf) {
        Duration timeout = Duration.ofSeconds(conf.integer(SECTION, "timeout", 30, 1, Integer.MAX_VALUE));
        return KeystoneHttpOptions.DEFAULTS
                .withCafile(KeystoneHttpOptions.cafile(value(conf, "cafile"), "[" + SECTION + "] cafile"))
                .withInsecure(conf.bool(SECTION, "insecure", false))
                .withTimeouts(timeout, timeout)
                .withMaxRetries(conf.integer(SECTION, "connect_retries", 3, 0, 100));
    }

    /** Keystone's request timeout, for connecting and for the whole answer. */
    public Duration timeout() {
        return http.requestTimeout();
    }

    /** The CA bundle trusted for Keystone, or null for the JVM's. */
    public Path cafile() {
        return http.cafile();
    }

    private static String value(ConfigFile conf, String option) {
        String value = conf.string(SECTION, option, "").strip();
        return value.isEmpty() ? null : value;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static ConfigException bad(String value, String option, String why) {
        return new ConfigException("invalid value for [" + SECTION + "] " + option + " = "
                + (value == null ? "" : value) + ": " + why);
    }
}
