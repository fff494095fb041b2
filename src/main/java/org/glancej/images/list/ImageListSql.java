package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import org.glancej.db.Dialect;
import org.glancej.images.ImageVisibility;

/**
 * Builds the SQL that selects one page of image ids, in order, over upstream's schema.
 *
 * <p>Two statements: {@link #markerQuery} (only when the request has a marker) reads the marker's sort
 * values, which {@link #pageQuery} then uses for keyset paging. Nulls sort where each database puts them
 * natively, as upstream's plain {@code ORDER BY} does: smallest on MariaDB/MySQL and SQLite, largest on
 * PostgreSQL. The page predicate accounts for them, so that paging returns every image once (upstream's
 * predicate replaces a null marker value by a default and skips images; this one deliberately does not).
 */
public final class ImageListSql {
    private final Dialect dialect;
    private final PlannerHints hints;
    private final FilterSql filters;
    private final MarkerSql markers;
    private final ScopeSql scopes;

    public ImageListSql(Dialect dialect) {
        this(dialect, false);
    }

    /** @param shortValueColumn MariaDB/MySQL: whether {@code image_properties} has {@code db.ShortValueColumn} */
    public ImageListSql(Dialect dialect, boolean shortValueColumn) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.hints = new PlannerHints(dialect);
        this.filters = new FilterSql(dialect, hints, shortValueColumn);
        this.markers = new MarkerSql(dialect);
        this.scopes = new ScopeSql(hints);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Selects the marker image: column 1 is 1 when the caller may see it (else 0), then one column per key
     * of the query's order. Admins may page from a deleted image, as upstream allows; others may not.
     */
    public SqlStatement markerQuery(ImageListQuery query, ListScope scope) {
        String marker = query.marker().orElseThrow(() -> new IllegalArgumentException("query has no marker"));
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        Optional<ImageVisibility.Condition> visible = scope.visibility().seesSql(hints.spelling(true));
        if (visible.isEmpty()) {
            sql.append("1");
        } else {
            sql.append("CASE WHEN ").append(visible.get().sql()).append(" THEN 1 ELSE 0 END");
            parameters.addAll(visible.get().parameters());
        }
        for (SortOrder key : query.order()) {
            sql.append(", images.").append(key.column().sqlName());
        }
        sql.append(" FROM images WHERE images.id = ?");
        parameters.add(marker);
        if (!scope.admin()) {
            sql.append(" AND ").append(hints.unindexed("images.deleted")).append(" = FALSE");
        }
        return new SqlStatement(sql.toString(), parameters);
    }

    /** Reads the current row of a {@link #markerQuery} result. */
    public Marker readMarker(ResultSet rs, ImageListQuery query) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < query.order().size(); i++) {
            int column = i + 2;
            Object value = switch (query.order().get(i).column().kind()) {
                case TEXT -> rs.getString(column);
                case INTEGER -> rs.getLong(column);
                case TIMESTAMP -> dialect.getTimestamp(rs, query.order().get(i).column().sqlName());
                case BOOLEAN -> throw new IllegalStateException("boolean sort key");
            };
            values.add(rs.wasNull() ? null : value);
        }
        return new Marker(rs.getInt(1) == 1, values);
    }

    /** Selects the ids of one page: {@code query.limit()} rows after {@code marker}, in the query's order. */
    public SqlStatement pageQuery(ImageListQuery query, ListScope scope, Optional<Marker> marker) {
        return pageQuery(query, scope, marker, Optional.empty());
    }

    /**
     * {@link #pageQuery(ImageListQuery, ListScope, Optional)}, read from the images {@code driver} (one of the
     * query's tag or property filters, matching few images; see {@link #matchCount}) instead of by walking the
     * sort order: the database looks the few images up and sorts them. The same rows in the same order.
     */
    public SqlStatement pageQuery(ImageListQuery query, ListScope scope, Optional<Marker> marker,
            Optional<ListFilter> driver) {
        List<Object> parameters = new ArrayList<>();
        boolean indexOrdered = driver.isEmpty() && indexOrdered(query.order());
        StringJoiner where = where(query, scope, driver, indexOrdered, parameters);
        String page = MarkerSql.orderByLimit(query.order(), query.limit());
        if (marker.isPresent() && nullsAfterNonNullMarker(query.order(), marker.get())) {
            return nullsApart(query.order(), marker.get(), where.toString(), parameters, page);
        }
        marker.ifPresent(m -> where.add(markers.afterMarker(query.order(), m.sortValues(), parameters)));
        Optional<ListFilter.TimestampCompare> updatedBefore = driver.isEmpty() ? updatedBefore(query) : Optional.empty();
        if (updatedBefore.isPresent()) {
            return updatedBeforeApart(query.order(), updatedBefore.get(), where.toString(), parameters, page);
        }
        String sql = "SELECT images.id FROM " + hints.imagesTable() + " WHERE " + where + page;
        return new SqlStatement(sql, parameters);
    }

    /**
     * {@link #pageQuery(ImageListQuery, ListScope, Optional, Optional)} as statements to run in turn until the
     * page is full: the two parts of {@link #nullsApart} apart, since the nulls all follow the rest. As one
     * union, the database read the nulls even when the first part filled the page, and a caller who sees none
     * of them read them all (the 20,000 queued images at 1M: 35-55 ms on PostgreSQL and SQLite).
     */
    public List<SqlStatement> pageQueries(ImageListQuery query, ListScope scope, Optional<Marker> marker,
            Optional<ListFilter> driver) {
        if (marker.isEmpty() || !nullsAfterNonNullMarker(query.order(), marker.get())) {
            return List.of(pageQuery(query, scope, marker, driver));
        }
        List<Object> parameters = new ArrayList<>();
        boolean indexOrdered = driver.isEmpty() && indexOrdered(query.order());
        StringJoiner where = where(query, scope, driver, indexOrdered, parameters);
        return nullsApartParts(query.order(), marker.get(), where.toString(), parameters,
                MarkerSql.orderByLimit(query.order(), query.limit()), "images.id");
    }

    /** The conditions every listed image meets: visibility and filters, the driver as an id list. */
    private StringJoiner where(ImageListQuery query, ListScope scope, Optional<ListFilter> driver,
            boolean indexOrdered, List<Object> parameters) {
        StringJoiner where = new StringJoiner(" AND ");
        where.add(hints.unindexed("images.deleted") + " = FALSE");
        where.add(hints.unindexed("images.status") + " <> 'killed'"); // upstream never lists killed images
        ImageVisibility.SqlSpelling spelling = hints.spelling(indexOrdered);
        scopes.conditions(scope, query.visibility(), query.memberStatus(), spelling)
                .forEach(c -> where.add(bind(c, parameters)));
        FilterSql.Reading reading = FilterSql.Reading.of(indexOrdered, query.filters());
        for (ListFilter filter : query.filters()) {
            if (driver.isPresent() && driver.get() == filter) {
                where.add("images.id IN (" + filters.matchingImages(filter, query.filters(), parameters) + ")");
            } else if (driver.isEmpty() || !filters.checkedInDriver(filter, driver.get())) {
                where.add(filters.condition(filter, reading, parameters));
            }
        }
        return where;
    }

    // --- a key of few values, then the tie-breakers the other way: one index walk per value ----------------

    /** A value of the first sort key (which may be null), as a group of a {@link #groupWalks} order. */
    public record Group(Object value) {
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

    private static final List<ImageColumn> FEW_VALUED =
            List.of(ImageColumn.STATUS, ImageColumn.DISK_FORMAT, ImageColumn.CONTAINER_FORMAT);

    /** Keys with an index ({@code key, created_at, id}: {@code ExtraIndexes}) whose order a group can walk. */
    private static final List<ImageColumn> INDEXED_SECOND = List.of(ImageColumn.NAME, ImageColumn.SIZE,
            ImageColumn.UPDATED_AT, ImageColumn.STATUS, ImageColumn.DISK_FORMAT, ImageColumn.CONTAINER_FORMAT);

    /**
     * The first sort key's next value with a listed image, after {@code after} (or the first one): column 1,
     * at most one row. Empty when no value can follow (nulls last and {@code after} null).
     */
    public Optional<SqlStatement> nextGroupQuery(ImageListQuery query, ListScope scope, Optional<Group> after) {
        List<Object> parameters = new ArrayList<>();
        SortOrder key = query.order().getFirst();
        StringJoiner where = where(query, scope, Optional.empty(), true, parameters);
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
     * bound its index scan by "{@code k < v OR k IS NULL}" ({@link #nullsAfterNonNullMarker}).
     */
    public List<SqlStatement> groupPageQueries(ImageListQuery query, ListScope scope, Group group,
            Optional<Marker> marker, int limit) {
        List<SortOrder> rest = query.order().subList(1, query.order().size());
        Optional<List<Object>> after = marker.map(m -> m.sortValues().subList(1, query.order().size()));
        if (after.isEmpty() || !nullsApartAfter(rest.getFirst(), after.get().getFirst())) {
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
        StringJoiner where = where(query, scope, Optional.empty(), true, parameters);
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

    /**
     * Whether the page after the marker is the rest of the non-null values of a nullable first key, then its
     * nulls (ascending on PostgreSQL, descending on SQLite). PostgreSQL and SQLite cannot bound an index scan by
     * "{@code k >= v OR k IS NULL}": PostgreSQL filtered every row before the marker (a deep page read 90% of a
     * million-row index), SQLite scanned the index from its start or sorted (100 ms at 100k). There the two
     * parts are read apart; MariaDB range-scans that condition as it is.
     */
    private boolean nullsAfterNonNullMarker(List<SortOrder> order, Marker marker) {
        return nullsApartAfter(order.getFirst(), marker.sortValues().getFirst());
    }

    private boolean nullsApartAfter(SortOrder key, Object markerValue) {
        return dialect != Dialect.MYSQL && markers.nullsFollow(key) && markerValue != null;
    }

    /**
     * The page as two index-bounded parts, non-null values of the first key after the marker and then its
     * nulls, each cut at a page; the outer query orders and cuts the union, so the answer is the same.
     */
    private SqlStatement nullsApart(List<SortOrder> order, Marker marker, String where, List<Object> whereParameters,
            String page) {
        String columns = order.stream().map(key -> key.column().qualified()).distinct()
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        List<SqlStatement> parts = nullsApartParts(order, marker, where, whereParameters, page, columns);
        List<Object> parameters = new ArrayList<>(parts.get(0).parameters());
        parameters.addAll(parts.get(1).parameters());
        return new SqlStatement("SELECT images.id FROM (" + union(parts.get(0).sql(), parts.get(1).sql()) + ") images"
                + page, parameters);
    }

    /** The two parts of {@link #nullsApart}, each selecting {@code columns}: the non-null values, then the nulls. */
    private List<SqlStatement> nullsApartParts(List<SortOrder> order, Marker marker, String where,
            List<Object> whereParameters, String page, String columns) {
        List<Object> parameters = new ArrayList<>(whereParameters);
        String first = order.getFirst().column().qualified();
        Optional<String> rowBound = markers.rowBound(order, marker.sortValues(), parameters);
        if (rowBound.isEmpty()) {
            parameters.add(marker.sortValues().getFirst());
        }
        String bound = rowBound.map(b -> b + " AND ")
                .orElse(first + (order.getFirst().descending() ? " <= ? AND " : " >= ? AND "));
        String nonNull = "SELECT " + columns + " FROM images WHERE " + where + " AND " + bound
                + markers.afterWithoutBound(order, marker.sortValues(), parameters) + page;
        String nulls = "SELECT " + columns + " FROM images WHERE " + where + " AND " + first + " IS NULL" + page;
        return List.of(new SqlStatement(nonNull, parameters), new SqlStatement(nulls, whereParameters));
    }

    /** Two page queries as one, each part a derived table: SQLite takes no ORDER BY or LIMIT in a part of a UNION. */
    private String union(String first, String second) {
        return dialect == Dialect.SQLITE
                ? "SELECT * FROM (" + first + ") non_null_part UNION ALL SELECT * FROM (" + second + ") null_part"
                : "(" + first + ") UNION ALL (" + second + ")";
    }

    /**
     * An {@code updated_at=lt:/lte:} bound in a list newest first: the filter the walk of {@code created_at}
     * cannot stop early on, since images are updated after they are created, so none of the newest qualify
     * (a million-image list walked half a million rows before its first match).
     */
    private static Optional<ListFilter.TimestampCompare> updatedBefore(ImageListQuery query) {
        SortOrder first = query.order().getFirst();
        if (first.column() != ImageColumn.CREATED_AT || !first.descending()) {
            return Optional.empty();
        }
        for (ListFilter filter : query.filters()) {
            if (filter instanceof ListFilter.TimestampCompare compare && compare.column() == ImageColumn.UPDATED_AT
                    && (compare.operator() == ListFilter.Operator.LT || compare.operator() == ListFilter.Operator.LTE)) {
                return Optional.of(compare);
            }
        }
        return Optional.empty();
    }

    /**
     * The page of an {@code updated_at < T} list newest first, as two parts: images created before T (the walk
     * starts at T instead of at the newest image), and images created since whose update is older than their
     * creation (the only ones that can also be updated before T: none unless clocks disagreed, read from the
     * partial index {@code ExtraIndexes.UPDATED_BEFORE_CREATED} on PostgreSQL and SQLite, and by a range of
     * {@code glancej_images_updated_at} on MariaDB, which has no partial indexes: 15 ms at 100k images, 150 ms at
     * a million when half of them were updated before T). Together exactly the images {@code updated_at < T} selects;
     * {@code lte} the same with {@code <=} and {@code >}.
     */
    private SqlStatement updatedBeforeApart(List<SortOrder> order, ListFilter.TimestampCompare before, String where,
            List<Object> whereParameters, String page) {
        boolean inclusive = before.operator() == ListFilter.Operator.LTE;
        String columns = order.stream().map(key -> key.column().qualified()).distinct()
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        String select = "SELECT " + columns + " FROM ";
        String createdBefore = select + hints.imagesTable() + " WHERE " + where + " AND images.created_at"
                + (inclusive ? " <= ?" : " < ?") + page;
        List<Object> parameters = new ArrayList<>(whereParameters);
        parameters.add(before.utc());
        String since = (inclusive ? " > ?" : " >= ?");
        String updatedBeforeCreated;
        if (dialect == Dialect.SQLITE) {
            parameters.addAll(whereParameters);
            parameters.add(before.utc());
            updatedBeforeCreated = select + "images WHERE " + where + " AND images.created_at" + since
                    + " AND images.updated_at < images.created_at";
        } else {
            // the ids from an index holding all three columns compared, then those images: MariaDB would rather
            // read every row or join the other way round, PostgreSQL (which guesses that a third of the images
            // were updated before they were created) would compile the query to machine code first (JIT, 0.6 s)
            parameters.add(before.utc());
            parameters.add(before.utc());
            String late = "SELECT late.id FROM images late WHERE late.updated_at " + before.operator().sql()
                    + " ? AND late.created_at" + since + " AND late.updated_at < late.created_at";
            parameters.addAll(whereParameters);
            updatedBeforeCreated = dialect == Dialect.MYSQL
                    ? select + "(" + late + ") late STRAIGHT_JOIN " + hints.imagesTable() + " ON images.id = late.id"
                            + " WHERE " + where
                    : select + "images WHERE images.id = ANY (ARRAY(" + late + ")) AND " + where;
        }
        // each part a derived table: SQLite takes no ORDER BY or LIMIT in a part of a UNION
        return new SqlStatement("SELECT images.id FROM (SELECT * FROM (" + createdBefore + ") created_before"
                + " UNION ALL SELECT * FROM (" + updatedBeforeCreated + ") updated_before_created) images" + page,
                parameters);
    }

    private static String bind(ImageVisibility.Condition condition, List<Object> parameters) {
        parameters.addAll(condition.parameters());
        return condition.sql();
    }

    /** How many rows, up to {@code cap}, a tag or property filter matches ({@link FilterSql#matchCount}). */
    SqlStatement matchCount(ListFilter filter, int cap) {
        return filters.matchCount(filter, cap);
    }

    /**
     * Whether the order is that of an index, so that the database can walk it and stop after one page:
     * {@code id} alone, or any other sort key followed by the tie-breakers {@code created_at} and {@code id},
     * all in one direction (upstream's index on {@code created_at}, and {@code ExtraIndexes} for the others).
     */
    static boolean indexOrdered(List<SortOrder> order) {
        SortOrder first = order.getFirst();
        return first.column() == ImageColumn.ID
                || order.stream().allMatch(key -> key.descending() == first.descending());
    }
}
