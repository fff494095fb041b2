package org.glancej.store.swift;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Swift accounts a store knows, read as glance_store reads them: every section of
 * {@code swift_store_config_file} with {@code auth_address}, {@code user} and {@code key}, or, without that
 * file, the {@code swift_store_auth_address}/{@code _user}/{@code _key} options as one reference named by
 * {@code default_swift_reference}. {@code auth_version} defaults to {@code swift_store_auth_version}, whose
 * default is 3.
 */
record SwiftReferences(Map<String, SwiftReference> all, String defaultName, boolean fromFile) {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftReferences.class);
    private static final List<String> VERSIONS = List.of("1", "3");

    static SwiftReferences from(StoreSection options) {
        String defaultName = options.string("default_swift_reference", "ref1").strip();
        String version = options.choice("swift_store_auth_version", "3", VERSIONS);
        String file = options.string("swift_store_config_file", "").strip();
        Map<String, SwiftReference> refs = new LinkedHashMap<>();
        if (!file.isEmpty()) {
            ConfigFile accounts = ConfigFile.load(List.of(resolve(options, file)));
            for (String section : accounts.sections()) {
                String address = unquoted(accounts.string(section, "auth_address", ""));
                String user = unquoted(accounts.string(section, "user", ""));
                String key = unquoted(accounts.string(section, "key", ""));
                String own = unquoted(accounts.string(section, "auth_version", version));
                if (address.isEmpty() || user.isEmpty() || key.isEmpty() || !VERSIONS.contains(own)) {
                    LOG.warn("store '{}': section [{}] of {} is left out: it needs auth_address, user, key and an "
                            + "auth_version of 1 or 3", options.storeId(), section, file);
                    continue;
                }
                refs.put(section, new SwiftReference(section, address, user, key, own));
            }
        } else {
            String address = options.string("swift_store_auth_address", "").strip();
            String user = options.string("swift_store_user", "").strip();
            String key = options.string("swift_store_key", "").strip();
            if (!address.isEmpty() && !user.isEmpty() && !key.isEmpty()) {
                refs.put(defaultName, new SwiftReference(defaultName, address, user, key, version));
            }
        }
        if (!refs.containsKey(defaultName)) {
            // names the options, never their values: user and key are secrets
            throw new ConfigException("the swift store '" + options.storeId() + "' needs "
                    + (file.isEmpty() ? "swift_store_auth_address, swift_store_user and swift_store_key in ["
                            + options.sectionOf("swift_store_auth_address") + "]"
                            : "a section [" + defaultName + "] (default_swift_reference) with auth_address, user and "
                                    + "key in " + file));
        }
        return new SwiftReferences(refs, defaultName, !file.isEmpty());
    }

    /**
     * A multi-tenant store's own user, which upstream takes from the {@code swift_store_auth_address}/{@code _user}
     * /{@code _key} options only: the trustee of the trusts that keep long uploads going. Optional: without it the
     * store acts with the caller's token alone. {@code swift_store_config_file} is refused, as upstream does.
     */
    static SwiftReferences trustee(StoreSection options) {
        if (!options.string("swift_store_config_file", "").isBlank()) {
            throw new ConfigException("[" + options.sectionOf("swift_store_multi_tenant") + "] the options "
                    + "swift_store_multi_tenant and swift_store_config_file of store '" + options.storeId()
                    + "' are mutually exclusive");
        }
        String defaultName = options.string("default_swift_reference", "ref1").strip();
        String address = options.string("swift_store_auth_address", "").strip();
        String user = options.string("swift_store_user", "").strip();
        String key = options.string("swift_store_key", "").strip();
        Map<String, SwiftReference> refs = new LinkedHashMap<>();
        if (!address.isEmpty() && !user.isEmpty() && !key.isEmpty()) {
            refs.put(defaultName, new SwiftReference(defaultName, address, user, key,
                    options.choice("swift_store_auth_version", "3", VERSIONS)));
        }
        return new SwiftReferences(refs, defaultName, false);
    }

    /** A relative path is looked for beside the service's configuration files, as oslo.config's find_file does. */
    private static Path resolve(StoreSection options, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute() || options.conf().sources().isEmpty()) {
            return path;
        }
        Path dir = options.conf().sources().getFirst().toAbsolutePath().getParent();
        return dir == null ? path : dir.resolve(path);
    }

    /** Values may be quoted in that file, as glance_store's parser allows. */
    private static String unquoted(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
