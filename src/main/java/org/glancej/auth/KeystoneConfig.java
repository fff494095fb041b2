package org.glancej.auth;

import java.net.URI;
import java.time.Duration;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.Keystone;
import org.glancej.keystone.KeystoneCredentials;
import org.glancej.keystone.KeystoneHttpOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [keystone_authtoken]}: where Keystone is, how to reach it ({@code cafile}, {@code insecure},
 * {@code http_connect_timeout}, {@code http_request_max_retries}) and the service user that validates callers'
 * tokens. Options keystonemiddleware reads but this service has no use for (memcached_servers: tokens are cached
 * in process; region and interface: Keystone is reached at {@code auth_url} directly) are accepted and ignored.
 * The password never appears in {@link #toString}.
 *
 * @param service the service user, at Keystone's v3 API root ({@code auth_url} with or without a version suffix)
 * @param wwwAuthenticateUri what 401 answers tell clients in {@code WWW-Authenticate}
 * @param tokenCacheTime how long a validation result is reused; zero or negative turns caching off
 * @param includeServiceCatalog {@code include_service_catalog}: validation asks for the caller's service catalog
 *     (what a multi-tenant Swift store looks its account up in); keystonemiddleware's default is on
 */
public record KeystoneConfig(KeystoneCredentials service, String wwwAuthenticateUri, Duration tokenCacheTime,
        KeystoneHttpOptions http, boolean includeServiceCatalog) {

    public KeystoneConfig(KeystoneCredentials service, String wwwAuthenticateUri, Duration tokenCacheTime,
            KeystoneHttpOptions http) {
        this(service, wwwAuthenticateUri, tokenCacheTime, http, true);
    }

    static final String SECTION = "keystone_authtoken";
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneConfig.class);

    public static KeystoneConfig from(ConfigFile conf) {
        String authType = conf.string(SECTION, "auth_type", conf.string(SECTION, "auth_plugin", "password")).strip();
        if (!authType.equals("password") && !authType.equals("v3password")) {
            throw new ConfigException("[" + SECTION + "] auth_type = " + authType
                    + ": only password authentication is supported");
        }
        String authUrl = required(conf, "auth_url");
        String www = conf.raw(SECTION, "www_authenticate_uri").or(() -> conf.raw(SECTION, "auth_uri"))
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(authUrl);
        String userDomainId = optional(conf, "user_domain_id");
        String projectDomainId = optional(conf, "project_domain_id");
        KeystoneCredentials service = new KeystoneCredentials(v3Root(authUrl), null, required(conf, "username"),
                userDomainId, domainName(conf, "user_domain_name", userDomainId), conf.string(SECTION, "password", ""),
                null, null, required(conf, "project_name"), projectDomainId,
                domainName(conf, "project_domain_name", projectDomainId), null, null, null);
        Duration timeout = Duration.ofSeconds(conf.integer(SECTION, "http_connect_timeout", 10, 1, 3600));
        if (conf.bool(SECTION, "insecure", false)) {
            // upstream is silent; a setting that turns every certificate check off should not be
            LOG.warn("[{}] insecure = true: Keystone's certificate and host name are not checked: whoever "
                    + "answers on the way to Keystone can have any token accepted", SECTION);
        }
        KeystoneHttpOptions http = KeystoneHttpOptions.DEFAULTS
                .withCafile(KeystoneHttpOptions.cafile(optional(conf, "cafile"), "[" + SECTION + "] cafile"))
                .withInsecure(conf.bool(SECTION, "insecure", false))
                .withTimeouts(timeout, timeout)
                .withMaxRetries(conf.integer(SECTION, "http_request_max_retries", 3, 0, 100));
        return new KeystoneConfig(service, www, Duration.ofSeconds(conf.integer(SECTION, "token_cache_time", 300, -1,
                Integer.MAX_VALUE)), http, conf.bool(SECTION, "include_service_catalog", true));
    }

    /** The Keystone this section names, reached as it says. */
    public Keystone keystone() {
        return Keystone.at(service.identityUrl(), http);
    }

    private static String optional(ConfigFile conf, String option) {
        return conf.raw(SECTION, option).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** A domain named by id needs no name; with neither, the guide's {@code Default} domain. */
    private static String domainName(ConfigFile conf, String option, String id) {
        return id != null ? null : conf.raw(SECTION, option).map(String::strip).filter(s -> !s.isEmpty())
                .orElse("Default");
    }

    private static URI v3Root(String authUrl) {
        try {
            return Keystone.v3Root(authUrl);
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
        return "KeystoneConfig[service=" + service + ", tokenCacheTime=" + tokenCacheTime + ", http=" + http + "]";
    }
}
