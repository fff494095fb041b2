package org.glancej.store.rbd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * An RBD location as upstream writes and reads it: {@code rbd://<fsid>/<pool>/<image>/<snapshot>} with each part
 * percent-encoded (everything but letters, digits and {@code _.-~}), or the legacy {@code rbd://<image>}, an image
 * in the store's pool read without a snapshot.
 *
 * @param fsid the cluster's fsid, absent in the legacy form
 * @param pool the pool, absent in the legacy form
 * @param snapshot the snapshot, absent in the legacy form
 */
record RbdLocation(Optional<String> fsid, Optional<String> pool, String image, Optional<String> snapshot) {
    private static final String PREFIX = "rbd://";

    static RbdLocation of(String fsid, String pool, String image, String snapshot) {
        return new RbdLocation(Optional.of(fsid), Optional.of(pool), image, Optional.of(snapshot));
    }

    static RbdLocation parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new StoreException(Reason.BAD_LOCATION, "Not an RBD store location");
        }
        String[] parts = url.substring(PREFIX.length()).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new StoreException(Reason.BAD_LOCATION, "RBD location cannot contain empty components");
            }
        }
        if (parts.length == 1) {
            return new RbdLocation(Optional.empty(), Optional.empty(), parts[0], Optional.empty());
        }
        if (parts.length != 4) {
            throw new StoreException(Reason.BAD_LOCATION, "RBD location must have exactly 1 or 4 components");
        }
        return of(unquote(parts[0]), unquote(parts[1]), unquote(parts[2]), unquote(parts[3]));
    }

    String url() {
        if (fsid.isEmpty()) {
            return PREFIX + image;
        }
        return PREFIX + quote(fsid.get()) + "/" + quote(pool.orElseThrow()) + "/" + quote(image) + "/"
                + quote(snapshot.orElseThrow());
    }

    static String quote(String part) {
        StringBuilder out = new StringBuilder();
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding as Python's unquote: malformed escapes stay as they are. */
    static String unquote(String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (bytes[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
