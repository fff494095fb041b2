package org.glancej.store;

import java.util.Locale;
import java.util.Set;

/**
 * Location URLs as they may be shown. Upstream's S3 and Swift locations carry credentials in their user-info
 * part ({@code s3://key:secret@host/bucket/id}); they are stored as upstream writes them, so that upstream
 * nodes reading the same database find the data, but never shown in a response, a log line or an error
 * (OSSA-2013-002, OSSA-2014-004).
 */
public final class LocationUrls {
    /** Schemes whose secret may itself hold '/' (S3 secret keys do): everything up to the last '@' goes. */
    private static final Set<String> CREDENTIAL_SCHEMES =
            Set.of("s3", "s3+http", "s3+https", "swift", "swift+http", "swift+https");

    private LocationUrls() {}

    /** The URL without its user-info part (credentials); other URLs unchanged. */
    public static String redacted(String url) {
        int end = userInfoEnd(url);
        return end < 0 ? url : url.substring(0, url.indexOf("://") + 3) + url.substring(end + 1);
    }

    public static boolean carriesCredentials(String url) {
        return userInfoEnd(url) >= 0;
    }

    /** The index of the '@' that ends the user-info part, or -1. */
    private static int userInfoEnd(String url) {
        if (url == null) {
            return -1;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return -1;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (CREDENTIAL_SCHEMES.contains(scheme)) {
            return url.lastIndexOf('@');
        }
        int authorityEnd = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, schemeEnd + 3);
            if (i >= 0 && i < authorityEnd) {
                authorityEnd = i;
            }
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        return at > schemeEnd ? at : -1;
    }
}
