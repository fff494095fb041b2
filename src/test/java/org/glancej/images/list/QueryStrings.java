package org.glancej.images.list;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.images.ImagesConfig;

/** Test helpers: a raw query string decoded the way a web server (and webob) would. */
final class QueryStrings {
    static final ImagesConfig CONFIG = new ImagesConfig(25, 1000, 1L << 40, false, "sha512",
            ImagesConfig.DEFAULT_DISK_FORMATS, ImagesConfig.DEFAULT_CONTAINER_FORMATS);

    private QueryStrings() {
    }

    /** {@code "a=1&b=x+y"} → ordered map of decoded values; accepts a whole {@code /v2/images?...} link too. */
    static Map<String, List<String>> decode(String query) {
        int question = query.indexOf('?');
        if (question >= 0) {
            query = query.substring(question + 1);
        } else if (query.startsWith("/")) {
            query = "";
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static ImageListQuery parse(String query) {
        return ImageListQuery.parse(decode(query), CONFIG);
    }
}
