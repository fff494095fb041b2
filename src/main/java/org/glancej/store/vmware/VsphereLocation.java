package org.glancej.store.vmware;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A location of glance_store's vmware driver: {@code vsphere://<host>/folder/<image dir>/<image id>?dsName=<ds>&dcPath=<dc>},
 * written exactly as upstream writes it (query in that order, form-encoded as Python's {@code urlencode}). It holds
 * no credentials.
 *
 * @param host the server as upstream writes it (with a port when the configuration names one)
 * @param path the path from {@code /folder} on, unencoded, e.g. {@code /folder/openstack_glance/<id>}
 */
record VsphereLocation(String host, String path, String datacenterPath, String datastoreName) {
    static final String SCHEME = "vsphere";
    static final String FOLDER = "/folder";

    static VsphereLocation of(String host, String imageDir, String imageId, String datacenterPath, String datastore) {
        String path = FOLDER + (imageDir.isEmpty() ? "" : "/" + imageDir) + "/" + imageId;
        return new VsphereLocation(host, path, datacenterPath, datastore);
    }

    String url() {
        return SCHEME + "://" + host + path + "?dsName=" + formEncode(datastoreName) + "&dcPath="
                + formEncode(datacenterPath);
    }

    /** The file's datastore path as the FileManager takes it, as upstream builds it: {@code [ds] /dir/id}. */
    String datastorePath() {
        return "[" + datastoreName + "] " + path.substring(FOLDER.length());
    }

    /** The query the datastore's HTTP access takes. */
    String rawQuery() {
        return "dcPath=" + formEncode(datacenterPath) + "&dsName=" + formEncode(datastoreName);
    }

    static Optional<VsphereLocation> parse(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith(SCHEME + "://")) {
            return Optional.empty();
        }
        String rest = url.substring(SCHEME.length() + 3);
        int slash = rest.indexOf('/');
        int question = rest.indexOf('?');
        if (slash <= 0 || question < slash) {
            return Optional.empty();
        }
        String host = rest.substring(0, slash);
        String path = rest.substring(slash, question);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rest.substring(question + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    query.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        String ds = query.get("dsName");
        String dc = query.get("dcPath");
        if (!path.startsWith(FOLDER + "/") || path.contains("/../") || ds == null || ds.isEmpty() || dc == null
                || dc.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VsphereLocation(host, path, dc, ds));
    }

    /** Python's {@code urllib.parse.quote_plus}: letters, digits and {@code _.-~} stay, a space is '+'. */
    static String formEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
