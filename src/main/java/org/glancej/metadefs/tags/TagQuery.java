package org.glancej.metadefs.tags;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.glancej.common.GlanceException;
import org.glancej.metadefs.ListParams;
import org.glancej.metadefs.MetadefTag;

/**
 * The tag list's parameters: {@code limit} (none by default), {@code marker} (a tag name), {@code sort_key}
 * (a tag column; then created_at and id) and {@code sort_dir} (default desc), sorted here so that every
 * database orders names alike.
 */
record TagQuery(Optional<Integer> limit, Optional<String> marker, Comparator<MetadefTag> order) {
    private static final Map<String, Function<MetadefTag, Comparable<?>>> COLUMNS = Map.of(
            "id", MetadefTag::id,
            "name", MetadefTag::name,
            "created_at", MetadefTag::createdAt,
            "updated_at", MetadefTag::updatedAt);

    static TagQuery parse(Map<String, String> params) {
        boolean ascending = ListParams.ascending(params);
        ListParams.checkVisibility(params);
        String sortKey = params.getOrDefault("sort_key", "created_at");
        if (!COLUMNS.containsKey(sortKey)) {
            throw GlanceException.badRequest("Invalid sort key: " + sortKey); // upstream answers 500
        }
        Comparator<MetadefTag> order = Comparator.comparing(key(sortKey), NULLS_FIRST)
                .thenComparing(key("created_at"), NULLS_FIRST)
                .thenComparing(key("id"), NULLS_FIRST);
        return new TagQuery(ListParams.limit(params, true),
                Optional.ofNullable(params.get("marker")).filter(m -> !m.isEmpty()),
                ascending ? order : order.reversed());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Comparable> NULLS_FIRST =
            Comparator.nullsFirst((a, b) -> ((Comparable) a).compareTo(b));

    @SuppressWarnings("rawtypes")
    private static Function<MetadefTag, Comparable> key(String column) {
        Function<MetadefTag, Comparable<?>> f = COLUMNS.get(column);
        return tag -> (Comparable) f.apply(tag);
    }
}
