package org.glancej.store.swift;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A location of glance_store's Swift forms, parsed and written as upstream does:
 * <ul>
 *   <li>{@code swift+http://<user>:<key>@<auth address without scheme>/<container>/<object>} (or {@code swift+https},
 *       {@code swift}: https), user and key percent-encoded as Python's {@code quote} does
 *       ({@code account:user} becomes {@code account%3Auser});</li>
 *   <li>{@code swift+config://<reference>/<container>/<object>}: the credentials stay in
 *       {@code swift_store_config_file}, under the reference's section.</li>
 * </ul>
 *
 * @param reference the reference name of a {@code swift+config} location, else null
 * @param user the user of a location carrying credentials, else null
 * @param key the key of a location carrying credentials, else null
 * @param authAddress the authentication address without scheme (empty for {@code swift+config})
 */
record SwiftLocation(String scheme, String reference, String user, String key, String authAddress, String container,
        String object) {
    static final String CONFIG_SCHEME = "swift+config";
    private static final List<String> SCHEMES = List.of("swift", "swift+http", "swift+https", CONFIG_SCHEME);

    SwiftLocation {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(authAddress, "authAddress is null");
        requireNonNull(container, "container is null");
        requireNonNull(object, "object is null");
    }

    /** A location carrying the reference's credentials, as upstream writes without a config file. */
    static SwiftLocation withCredentials(SwiftReference ref, String container, String object) {
        String address = ref.authAddress();
        String scheme = address.startsWith("http://") ? "swift+http" : "swift+https";
        String bare = address.replaceFirst("^https?://", "").replaceAll("^/+|/+$", "");
        return new SwiftLocation(scheme, null, ref.user(), ref.key(), bare, container, object);
    }

    /**
     * A multi-tenant location: the account's storage URL without credentials, as upstream writes it
     * ({@code swift+https://<storage URL without scheme>/<container>/<object>}); the caller's token reaches it.
     */
    static SwiftLocation atStorageUrl(String storageUrl, String container, String object) {
        String scheme = storageUrl.startsWith("http://") ? "swift+http" : "swift+https";
        String bare = storageUrl.replaceFirst("^https?://", "").replaceAll("^/+|/+$", "");
        return new SwiftLocation(scheme, null, null, null, bare, container, object);
    }

    /** Whether the location carries neither credentials nor a reference: a multi-tenant storage URL. */
    boolean atStorageUrl() {
        return reference == null && user == null && key == null;
    }

    /** A location naming a reference of {@code swift_store_config_file}. */
    static SwiftLocation ofReference(String reference, String container, String object) {
        return new SwiftLocation(CONFIG_SCHEME, reference, null, null, "", container, object);
    }

    static Optional<SwiftLocation> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        int schemeEnd = url.indexOf("://");
        // upstream refuses swift://user:key@http://host/...: one scheme only
        if (schemeEnd <= 0 || url.indexOf("://", schemeEnd + 3) >= 0 || !SCHEMES.contains(url.substring(0, schemeEnd))) {
            return Optional.empty();
        }
        String scheme = url.substring(0, schemeEnd);
        String rest = url.substring(schemeEnd + 3).replaceFirst("[?#].*$", "");
        String user = null;
        String key = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String credentials = decode(rest.substring(0, at));
            int colon = credentials.lastIndexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            user = credentials.substring(0, colon);
            key = credentials.substring(colon + 1);
            rest = rest.substring(at + 1);
        }
        List<String> parts = Arrays.stream(rest.replaceAll("^/+|/+$", "").split("/")).toList();
        if (parts.size() < 3 || parts.get(parts.size() - 1).isEmpty() || parts.get(parts.size() - 2).isEmpty()) {
            return Optional.empty();
        }
        String object = parts.get(parts.size() - 1);
        String container = parts.get(parts.size() - 2);
        String address = String.join("/", parts.subList(0, parts.size() - 2));
        if (scheme.equals(CONFIG_SCHEME)) {
            return user != null || parts.size() != 3 ? Optional.empty()
                    : Optional.of(ofReference(address, container, object));
        }
        return Optional.of(new SwiftLocation(scheme, null, user, key, address, container, object));
    }

    String url() {
        if (scheme.equals(CONFIG_SCHEME)) {
            return CONFIG_SCHEME + "://" + reference + "/" + container + "/" + object;
        }
        String credentials = user != null && key != null ? quote(user) + ":" + quote(key) + "@" : "";
        return scheme + "://" + credentials + authAddress + "/" + container + "/" + object;
    }

    /** The authentication URL of a location carrying its own address. */
    String authUrl() {
        return (scheme.equals("swift+http") ? "http://" : "https://") + authAddress;
    }

    /** Python's {@code urllib.parse.quote}: all but letters, digits, {@code _.-~} and {@code /} percent-encoded. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_.-~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Python's {@code unquote}: %XX sequences as UTF-8, '+' kept, a malformed escape kept as it is. */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(UTF_8);
    }

    @Override
    public String toString() {
        return "SwiftLocation[" + container + "/" + object + "]"; // never the credentials
    }
}
