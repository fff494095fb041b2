package org.glancej.store.s3;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An S3 location as glance_store writes it: {@code s3://<access>:<secret>@<host>/<bucket>/<key>}, with
 * {@code s3+https} for an https endpoint. The keys are written as they are, unquoted, and the host keeps its
 * port and any path, so upstream nodes and this service read each other's locations. The secret may hold '/',
 * so the credentials end at the last '@'. {@link #toString} never shows the credentials.
 */
record S3Location(String scheme, String accessKey, String secretKey, String host, String bucket, String key) {
    static final String HTTPS_SCHEME = "s3+https";

    S3Location {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(host, "host is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    String url() {
        String credentials = accessKey.isEmpty() ? "" : accessKey + ":" + secretKey + "@";
        return scheme + "://" + credentials + host + "/" + bucket + "/" + key;
    }

    boolean https() {
        return scheme.equals(HTTPS_SCHEME);
    }

    /** The location's parts, or empty when it is not an S3 location of upstream's form. */
    static Optional<S3Location> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0 || url.indexOf("://", schemeEnd + 3) >= 0) {
            return Optional.empty(); // upstream refuses s3://key:secret@https://host/... too
        }
        String scheme = url.substring(0, schemeEnd);
        if (!scheme.equals("s3") && !scheme.equals("s3+http") && !scheme.equals(HTTPS_SCHEME)) {
            return Optional.empty();
        }
        String rest = url.substring(schemeEnd + 3);
        String access = "";
        String secret = "";
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            int colon = credentials.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            access = credentials.substring(0, colon);
            secret = credentials.substring(colon + 1);
            rest = rest.substring(at + 1);
        }
        rest = strip(rest);
        int keyStart = rest.lastIndexOf('/');
        int bucketStart = keyStart < 0 ? -1 : rest.lastIndexOf('/', keyStart - 1);
        if (bucketStart <= 0) {
            return Optional.empty();
        }
        String host = strip(rest.substring(0, bucketStart));
        String bucket = rest.substring(bucketStart + 1, keyStart);
        String key = rest.substring(keyStart + 1);
        if (host.isEmpty() || bucket.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(scheme, access, secret, host, bucket, key));
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + "/" + bucket + "/" + key;
    }
}
