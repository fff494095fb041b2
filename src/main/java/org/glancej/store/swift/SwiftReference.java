package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

/**
 * One Swift account's credentials: the options {@code swift_store_auth_address}/{@code _user}/{@code _key}/
 * {@code _auth_version}, or a section of {@code swift_store_config_file}, under the name of
 * {@code default_swift_reference}.
 *
 * @param authAddress the authentication URL as configured, e.g. {@code http://host:8080/auth/v1.0}
 * @param user {@code account:user} for tempauth, {@code project:user} for Keystone
 * @param authVersion {@code 1} or {@code 3}
 */
record SwiftReference(String name, String authAddress, String user, String key, String authVersion) {
    SwiftReference {
        requireNonNull(name, "name is null");
        requireNonNull(authAddress, "authAddress is null");
        requireNonNull(user, "user is null");
        requireNonNull(key, "key is null");
        requireNonNull(authVersion, "authVersion is null");
    }

    /** Where authentication goes: {@code https://} when the address names no scheme, as upstream assumes. */
    String authUrl() {
        return authAddress.startsWith("http://") || authAddress.startsWith("https://") ? authAddress
                : "https://" + authAddress;
    }

    @Override
    public String toString() {
        return "SwiftReference[" + name + ", " + authAddress + ", v" + authVersion + "]"; // never the key
    }
}
