package org.glancej.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;

/**
 * {@code [keystone_authtoken]}: where Keystone is and the service user that validates callers' tokens.
 * Options keystonemiddleware reads but this service has no use for (memcached_servers: tokens are cached
 * in process; region and interface: Keystone is reached at {@code auth_url} directly) are accepted and
 * ignored. The password never appears in {@link #toString}.
 *
 * @param identityUri Keystone's v3 API root, from {@code auth_url} with or without a version suffix
 * @param wwwAuthenticateUri what 401 answers tell clients in {@code WWW-Authenticate}
 * @param tokenCacheTime how long a validation result is reused; zero or negative turns caching off
 */
public record KeystoneConfig(URI identityUri, String wwwAuthenticateUri, String username, String password,
        String userDomainName, String userDomainId, String projectName, String projectDomainName,
        String projectDomainId, Duration tokenCacheTime, Duration httpTimeout, int maxRetries) {

    private static final String SECTION = "keystone_authtoken";

    public static KeystoneConfig from(ConfigFile conf) {
        String authType = conf.string(SECTION, "auth_type", conf.string(SECTION, "auth_plugin", "password")).strip();
        if (!authType.equals("password") && !authType.equals("v3password")) {
            throw new ConfigException("[" + SECTION + "] auth_type = " + authType
                    + ": only password authentication is supported");
        }
        String authUrl = required(conf, "auth_url");
        String www = conf.raw(SECTION, "www_authenticate_uri").or(() -> conf.raw(SECTION, "auth_uri"))
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(authUrl);
        return new KeystoneConfig(
                v3Root(authUrl),
                www,
                required(conf, "username"),
                conf.string(SECTION, "password", ""),
                conf.string(SECTION, "user_domain_name", "").strip(),
                conf.string(SECTION, "user_domain_id", "").strip(),
                required(conf, "project_name"),
                conf.string(SECTION, "project_domain_name", "").strip(),
                conf.string(SECTION, "project_domain_id", "").strip(),
                Duration.ofSeconds(conf.integer(SECTION, "token_cache_time", 300, -1, Integer.MAX_VALUE)),
                Duration.ofSeconds(conf.integer(SECTION, "http_connect_timeout", 10, 1, 3600)),
                conf.integer(SECTION, "http_request_max_retries", 3, 0, 100));
    }

    /** keystoneauth discovers the v3 API under an unversioned URL; the guide's URLs are unversioned. */
    static URI v3Root(String authUrl) {
        String url = authUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v2.0")) {
            url = url.substring(0, url.length() - "/v2.0".length());
        }
        if (!url.endsWith("/v3")) {
            url = url + "/v3";
        }
        try {
            URI uri = URI.create(url + "/");
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[" + SECTION + "] auth_url = " + authUrl + ": " + e.getMessage());
        }
    }

    private static String required(ConfigFile conf, String option) {
        return conf.raw(SECTION, option).map(String::strip).filter(s -> !s.isEmpty()).orElseThrow(
                () -> new ConfigException("[" + SECTION + "] " + option + " is required with [paste_deploy] flavor = keystone"));
    }

    @Override
    public String toString() {
        return "KeystoneConfig[identityUri=" + identityUri + ", username=" + username + ", projectName=" + projectName
                + ", tokenCacheTime=" + tokenCacheTime + "]";
    }
}
