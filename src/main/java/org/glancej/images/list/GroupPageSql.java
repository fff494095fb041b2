package org.glancej.images.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiConsumer;

/**
 * The SQL of a page read value by value: an order whose first key has few values and whose other keys are an
 * order some index has, which together no index has ({@link #groupWalks}). Each value is a query of its own.
 */
final class GroupPageSql {
    private static final List<ImageColumn> FEW_VALUED =
            List.of(ImageColumn.STATUS, ImageColumn.DISK_FORMAT, ImageColumn.CONTAINER_FORMAT);

    /** Keys with an index ({@code key, created_at, id}: {@code ExtraIndexes}) whose order a group can walk. */
    private static final List<ImageColumn> INDEXED_SECOND = List.of(ImageColumn.NAME, ImageColumn.SIZE,
            ImageColumn.UPDATED_AT, ImageColumn.STATUS, ImageColumn.DISK_FORMAT, ImageColumn.CONTAINER_FORMAT);

    private final ImageListSql sql;
    private final MarkerSql markers;
    private final PlannerHints hints;

    GroupPageSql(ImageListSql sql, MarkerSql markers, PlannerHints hints) {
        this.sql = sql;
        this.markers = markers;
        this.hints = hints;
    }

    /** A value of the first sort key (which may be null), as a group of a {@link #groupWalks} order. */
    record Group(Object value) {
    }

    /**
     * Whether the order is a key of few values and then an order some index has, which together no index has:
     * {@code sort_key=disk_format&sort_key=created_at&sort_dir=asc&sort_dir=desc} or
     * {@code sort=status:asc,created_at:desc} (the tie-breakers the other way), and
     * {@code sort=status:asc,size:desc} (a second key with its index, {@code size, created_at, id}, and the
     * tie-breakers its way). The database sorted every image after the marker (3 s at 1M on MariaDB). Within
     * one value of the first key, the rest is an index's order, so the page is read value by value, each value
     * a query of its own in which the database picks its plan (walk the index of the rest filtering by the
     * value, or sort the few images of a rare value).
     */
    static boolean groupWalks(List<SortOrder> order) {
        if (order.size() < 3 || !FEW_VALUED.contains(order.getFirst().column())) {
            return false;
        }
        List<SortOrder> rest = order.subList(1, order.size());
        boolean restOneWay = rest.stream().allMatch(key -> key.descending() == rest.getFirst().descending());
        boolean tieBreakersLast = order.get(order.size() - 2).column() == ImageColumn.CREATED_AT
                && order.getLast().column() == ImageColumn.ID;
        if (!restOneWay || !tieBreakersLast) {
            return false;
        }
        return rest.size() == 2
                ? order.getFirst().descending() != rest.getFirst().descending() // else the key's own index
                : rest.size() == 3 && INDEXED_SECOND.contains(rest.getFirst().column());
    }

    /**
     * The first sort key's next value with a listed image, after {@code after} (or the first one): column 1,
     * at most one row. Empty when no value can follow (nulls last and {@code after} null).
     */
    Optional<SqlStatement> nextGroupQuery(ImageListQuery query, ListScope scope, Optional<Group> after) {
        List<Object> parameters = new ArrayList<>();
        SortOrder key = query.order().getFirst();
        StringJoiner where = sql.where(query, scope, Optional.empty(), true, Set.of(), parameters);
        if (after.isPresent()) {
            Optional<String> strictlyAfter = markers.strictlyAfter(key, after.get().value(), parameters);
            if (strictlyAfter.isEmpty()) {
                return Optional.empty();
            }
            where.add(strictlyAfter.get());
        }
        return Optional.of(new SqlStatement("SELECT " + key.column().qualified() + " FROM " + hints.imagesTable()
                + " WHERE " + where + " ORDER BY " + MarkerSql.orderTerm(key) + " LIMIT 1", parameters));
    }

    /**
     * Up to {@code limit} ids of the images with the first key's value {@code group}, in the order of the other
     * keys, after the marker's values of those keys when the group is the marker's: one query, or two to run in
     * turn (the second key's non-null values after the marker, then its nulls) where the database would not
     * bound its index scan by "{@code k < v OR k IS NULL}" ({@link MarkerSql#readsNullsApart}).
     */
    List<SqlStatement> groupPageQueries(ImageListQuery query, ListScope scope, Group group, Optional<Marker> marker,
            int limit) {
        List<SortOrder> rest = query.order().subList(1, query.order().size());
        Optional<List<Object>> after = marker.map(m -> m.sortValues().subList(1, query.order().size()));
        if (after.isEmpty() || !markers.readsNullsApart(rest.getFirst(), after.get().getFirst())) {
            return List.of(groupPart(query, scope, group, limit, (where, parameters) ->
                    after.ifPresent(values -> where.add(markers.afterMarker(rest, values, parameters)))));
        }
        // the row bound leaves the nulls out; every null of the key follows a non-null marker value
        return List.of(groupPart(query, scope, group, limit,
                        (where, parameters) -> where.add(markers.afterMarker(rest, after.get(), parameters))),
                groupPart(query, scope, group, limit,
                        (where, parameters) -> where.add(rest.getFirst().column().qualified() + " IS NULL")));
    }

    private SqlStatement groupPart(ImageListQuery query, ListScope scope, Group group, int limit,
            BiConsumer<StringJoiner, List<Object>> condition) {
        List<Object> parameters = new ArrayList<>();
        List<SortOrder> order = query.order();
        StringJoiner where = sql.where(query, scope, Optional.empty(), true, Set.of(), parameters);
        String key = order.getFirst().column().qualified();
        if (group.value() == null) {
            where.add(key + " IS NULL");
        } else {
            where.add(key + " = ?");
            parameters.add(group.value());
        }
        condition.accept(where, parameters);
        return new SqlStatement("SELECT images.id FROM " + hints.imagesTable() + " WHERE " + where
                + MarkerSql.orderByLimit(order.subList(1, order.size()), limit), parameters);
    }
}
