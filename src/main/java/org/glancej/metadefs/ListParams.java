package org.glancej.metadefs;

import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.glancej.common.GlanceException;

/**
 * The list parameters upstream's object and tag endpoints check: {@code sort_dir}, {@code visibility} (public,
 * private or shared) and {@code limit}. A limit that is no integer is a 400 here (upstream answers 500).
 */
public final class ListParams {
    private ListParams() {}

    public static Map<String, String> of(ServerRequest req) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            params.put(name, req.query().get(name));
        }
        return params;
    }

    /** True for ascending; refuses any direction but asc and desc (default desc). */
    public static boolean ascending(Map<String, String> params) {
        String sortDir = params.getOrDefault("sort_dir", "desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw GlanceException.badRequest("Invalid sort direction: " + sortDir);
        }
        return sortDir.equals("asc");
    }

    public static void checkVisibility(Map<String, String> params) {
        String visibility = params.get("visibility");
        if (visibility != null && !visibility.isEmpty() && !visibility.equals("public")
                && !visibility.equals("private") && !visibility.equals("shared")) {
            throw GlanceException.badRequest("Invalid visibility value: " + visibility);
        }
    }

    /**
     * The {@code limit}, if any. Upstream refuses a negative one, on the object list zero as well
     * ({@code zeroAllowed} false); on the tag list an empty one means none.
     */
    public static Optional<Integer> limit(Map<String, String> params, boolean zeroAllowed) {
        String value = params.get("limit");
        if (value == null || (zeroAllowed && value.isEmpty())) {
            return Optional.empty();
        }
        long limit;
        try {
            limit = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw GlanceException.badRequest("limit param must be an integer");
        }
        if (limit < 0 || (!zeroAllowed && limit == 0)) {
            throw GlanceException.badRequest("limit param must be positive");
        }
        return Optional.of((int) Math.min(limit, Integer.MAX_VALUE));
    }
}
