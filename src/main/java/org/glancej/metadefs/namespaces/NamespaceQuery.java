package org.glancej.metadefs.namespaces;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.Namespace;

/**
 * The namespace list's parameters as upstream reads them: {@code limit} (the configured default, capped at
 * {@code api_limit_max}), {@code marker} (a namespace name), {@code sort_key} (any namespace column; then
 * created_at and id), {@code sort_dir} (asc or desc, default desc), {@code visibility} (public or private)
 * and {@code resource_types} (comma-separated, any of them). Sorting happens here rather than in SQL so that
 * every database orders names the same way.
 */
record NamespaceQuery(int limit, Optional<String> marker, String sortKey, boolean ascending,
        Optional<String> visibility, Optional<List<String>> resourceTypes) {

    private static final Map<String, Function<Namespace, Comparable<?>>> COLUMNS = Map.of(
            "id", Namespace::id,
            "namespace", Namespace::name,
            "display_name", Namespace::displayName,
            "description", Namespace::description,
            "visibility", Namespace::visibility,
            "protected", Namespace::isProtected,
            "owner", Namespace::owner,
            "created_at", Namespace::createdAt,
            "updated_at", Namespace::updatedAt);

    static NamespaceQuery parse(Map<String, String> params, int defaultLimit, int maxLimit) {
        String sortDir = params.getOrDefault("sort_dir", "desc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw GlanceException.badRequest("Invalid sort direction: " + sortDir);
        }
        String sortKey = params.getOrDefault("sort_key", "created_at");
        if (!COLUMNS.containsKey(sortKey)) {
            // upstream answers 500 here
            throw GlanceException.badRequest("Invalid sort key: " + sortKey);
        }
        Optional<String> visibility = visibility(params);
        int limit = limit(params.get("limit"), defaultLimit, maxLimit);
        Optional<List<String>> resourceTypes = Optional.ofNullable(params.get("resource_types"))
                .map(value -> Arrays.asList(value.split(",", -1)));
        return new NamespaceQuery(limit, Optional.ofNullable(params.get("marker")), sortKey, sortDir.equals("asc"),
                visibility, resourceTypes);
    }

    /** Upstream checks a {@code visibility} parameter wherever it reads filters, showing a namespace too. */
    static Optional<String> visibility(Map<String, String> params) {
        String visibility = params.get("visibility");
        if (visibility != null && !visibility.isEmpty() && !visibility.equals("public")
                && !visibility.equals("private")) {
            throw GlanceException.badRequest("Invalid visibility value: " + visibility);
        }
        return Optional.ofNullable(visibility).filter(v -> !v.isEmpty());
    }

    private static int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null) {
            return Math.min(defaultLimit, maxLimit);
        }
        long limit;
        try {
            limit = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw GlanceException.badRequest("limit param must be an integer"); // upstream answers 500
        }
        limit = Math.min(maxLimit, limit);
        if (limit < 0) {
            throw GlanceException.badRequest("limit param must be positive");
        }
        return (int) limit;
    }

    /** The sort order: the key, then created_at, then id, all in the one direction; nulls sort as smallest. */
    Comparator<Namespace> order() {
        Comparator<Namespace> order = Comparator.comparing(key(sortKey), NULLS_FIRST)
                .thenComparing(key("created_at"), NULLS_FIRST)
                .thenComparing(key("id"), NULLS_FIRST);
        return ascending ? order : order.reversed();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Comparable> NULLS_FIRST =
            Comparator.nullsFirst((a, b) -> ((Comparable) a).compareTo(b));

    @SuppressWarnings("rawtypes")
    private static Function<Namespace, Comparable> key(String column) {
        Function<Namespace, Comparable<?>> f = COLUMNS.get(column);
        return ns -> (Comparable) f.apply(ns);
    }
}
