package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.glancej.db.Dialect;
import org.glancej.db.UpdatedBeforeCreatedColumn;
import org.glancej.images.ImageVisibility;

/**
 * Builds the SQL that selects one page of image ids, in order, over upstream's schema.
 *
 * <p>Two statements: {@link #markerQuery} (only when the request has a marker) reads the marker's sort
 * values, which {@link #pageQueries} then use for keyset paging. Nulls sort where each database puts them
 * natively, as upstream's plain {@code ORDER BY} does: smallest on MariaDB/MySQL and SQLite, largest on
 * PostgreSQL. The page predicate accounts for them, so that paging returns every image once (upstream's
 * predicate replaces a null marker value by a default and skips images; this one deliberately does not).
 */
public final class ImageListSql {
    private final Dialect dialect;
    private final ListColumns columns;
    private final PlannerHints hints;
    private final FilterSql filters;
    private final MarkerSql markers;
    private final ScopeSql scopes;
    private final GroupPageSql groups;

    public ImageListSql(Dialect dialect) {
        this(dialect, ListColumns.NONE);
    }

    /** @param columns MariaDB/MySQL: the invisible columns the database has, which the SQL may name */
    public ImageListSql(Dialect dialect, ListColumns columns) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.columns = dialect == Dialect.MYSQL ? columns : ListColumns.NONE;
        this.hints = new PlannerHints(dialect);
        this.filters = new FilterSql(dialect, hints, this.columns.shortValue());
        this.markers = new MarkerSql(dialect);
        this.scopes = new ScopeSql(hints);
        this.groups = new GroupPageSql(this, markers, hints);
    }

    /** The SQL of a page read value by value of its first key ({@link GroupPageSql#groupWalks}). */
    GroupPageSql groups() {
        return groups;
    }

    public Dialect dialect() {
        return dialect;
    }

    ListColumns columns() {
        return columns;
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

    /**
     * The ids of one page: {@code query.limit()} rows after {@code marker}, in the query's order, as statements
     * to run in turn until the page is full (each part's rows all follow the previous part's). With a
     * {@code driver} (one of the query's tag or property filters, matching few images; see {@link #matchCount})
     * the images it matches are looked up and sorted instead of walking the sort order: the same rows.
     */
    public List<SqlStatement> pageQueries(ImageListQuery query, ListScope scope, Optional<Marker> marker,
            Optional<ListFilter> driver) {
        return pageQueries(query, scope, marker, driver, Set.of());
    }

    /**
     * As above; the filters of {@code walkedPast} (see {@link #walkedPastCandidates}) are checked on each image the
     * walk of the sort order passes rather than read through their index.
     */
    public List<SqlStatement> pageQueries(ImageListQuery query, ListScope scope, Optional<Marker> marker,
            Optional<ListFilter> driver, Set<ListFilter> walkedPast) {
        List<Object> parameters = new ArrayList<>();
        boolean indexOrdered = driver.isEmpty() && indexOrdered(query.order());
        StringJoiner where = where(query, scope, driver, indexOrdered, walkedPast, parameters);
        String page = MarkerSql.orderByLimit(query.order(), query.limit());
        if (marker.isPresent()
                && markers.readsNullsApart(query.order().getFirst(), marker.get().sortValues().getFirst())) {
            return nullsApart(query.order(), marker.get(), where.toString(), parameters, page);
        }
        marker.ifPresent(m -> where.add(markers.afterMarker(query.order(), m.sortValues(), parameters)));
        if (driver.isEmpty()) {
            Optional<ListFilter.TimestampCompare> updatedBefore = updatedBefore(query);
            if (updatedBefore.isPresent()) {
                return List.of(updatedBeforeApart(query.order(), updatedBefore.get(), where.toString(), parameters,
                        page));
            }
            Optional<ListFilter.TimestampCompare> updatedSince = updatedSince(query);
            if (updatedSince.isPresent()) {
                return updatedSinceApart(updatedSince.get(), where.toString(), parameters, page);
            }
        }
        if (driver.isPresent()) {
            return List.of(new SqlStatement("SELECT images.id FROM " + hints.drivenImages(where.toString()) + page,
                    parameters));
        }
        String table = walksCreatedAtProbingChildren(query) ? CREATED_AT_WALK : hints.imagesTable();
        return List.of(new SqlStatement("SELECT images.id FROM " + table + " WHERE " + where + page, parameters));
    }

    /** SQLite's walk of upstream's {@code created_at} index, whatever else it could read. */
    private static final String CREATED_AT_WALK = "images INDEXED BY created_at_image_idx";

    /**
     * SQLite, a list in {@code created_at} order filtered by tags or properties that match many images (else
     * one drives the page) and otherwise by booleans only: walk upstream's {@code created_at} index, probing
     * each image. With two such filters and a non-admin's condition SQLite estimated few rows and would rather
     * read a whole sort index that holds every column of {@code images} the query names (the member columns of
     * {@code ExtraIndexes}) and sort: 1.1 s at a million images instead of 17 ms. No other index could serve:
     * the conditions on {@code images} are the caller's visibility, which nearly every image meets.
     */
    private boolean walksCreatedAtProbingChildren(ImageListQuery query) {
        SortOrder first = query.order().getFirst();
        return dialect == Dialect.SQLITE && first.column() == ImageColumn.CREATED_AT
                && indexOrdered(query.order())
                && query.filters().stream().anyMatch(FilterSql::canDrive)
                && query.filters().stream().allMatch(ImageListSql::indexesNothing)
                && query.visibility().map(v -> v != ImageListQuery.VisibilityParam.PRIVATE).orElse(true);
    }

    /**
     * Whether a filter (not driving the page) leaves the choice of an index on {@code images} to the order: a
     * tag or property, probed per image, or a boolean (spelled unindexed; {@code os_hidden} is always there).
     */
    private static boolean indexesNothing(ListFilter filter) {
        return FilterSql.canDrive(filter) || filter instanceof ListFilter.BooleanEquals;
    }

    /** The conditions every listed image meets: visibility and filters, the driver as an id list. */
    StringJoiner where(ImageListQuery query, ListScope scope, Optional<ListFilter> driver,
            boolean indexOrdered, Set<ListFilter> walkedPast, List<Object> parameters) {
        StringJoiner where = new StringJoiner(" AND ");
        where.add(hints.unindexed("images.deleted") + " = FALSE");
        where.add(hints.unindexed("images.status") + " <> 'killed'"); // upstream never lists killed images
        ImageVisibility.SqlSpelling spelling = hints.spelling(indexOrdered);
        scopes.conditions(scope, query.visibility(), query.memberStatus(), spelling)
                .forEach(c -> where.add(bind(c, parameters)));
        FilterSql.Reading reading = FilterSql.Reading.of(indexOrdered, query.filters(), walkedPast);
        for (ListFilter filter : query.filters()) {
            if (driver.isPresent() && driver.get() == filter) {
                where.add("images.id IN (" + filters.matchingImages(filter, query.filters(), parameters) + ")");
            } else if (driver.isEmpty() || !filters.checkedInDriver(filter, driver.get())) {
                where.add(filters.condition(filter, reading, parameters));
            }
        }
        return where;
    }

    /**
     * The page after a non-null marker value of a nullable first key whose nulls follow
     * ({@link MarkerSql#readsNullsApart}): its non-null values after the marker, bounded by the whole marker
     * where the database can, and then its nulls; the second part runs only when the first leaves room.
     */
    private List<SqlStatement> nullsApart(List<SortOrder> order, Marker marker, String where,
            List<Object> whereParameters, String page) {
        List<Object> parameters = new ArrayList<>(whereParameters);
        String first = order.getFirst().column().qualified();
        Optional<String> rowBound = markers.rowBound(order, marker.sortValues(), parameters);
        if (rowBound.isEmpty()) {
            parameters.add(marker.sortValues().getFirst());
        }
        String bound = rowBound.map(b -> b + " AND ")
                .orElse(first + (order.getFirst().descending() ? " <= ? AND " : " >= ? AND "));
        String nonNull = "SELECT images.id FROM images WHERE " + where + " AND " + bound
                + markers.afterWithoutBound(order, marker.sortValues(), parameters) + page;
        String nulls = "SELECT images.id FROM images WHERE " + where + " AND " + first + " IS NULL" + page;
        return List.of(new SqlStatement(nonNull, parameters), new SqlStatement(nulls, whereParameters));
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
     * partial index {@code ExtraIndexes.UPDATED_BEFORE_CREATED} on PostgreSQL and SQLite, on MariaDB from the
     * same index over {@link UpdatedBeforeCreatedColumn}, and where that column is missing by a range of
     * {@code glancej_images_updated_at}: 15 ms at 100k images, 60-150 ms at a million when half of them were
     * updated before T). Together exactly the images {@code updated_at < T} selects;
     * {@code lte} the same with {@code <=} and {@code >}.
     */
    private SqlStatement updatedBeforeApart(List<SortOrder> order, ListFilter.TimestampCompare before, String where,
            List<Object> whereParameters, String page) {
        boolean inclusive = before.operator() == ListFilter.Operator.LTE;
        String keys = order.stream().map(key -> key.column().qualified()).distinct()
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        String select = "SELECT " + keys + " FROM ";
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
            String late = columns.updatedBeforeCreated()
                    ? "SELECT late.id FROM images late WHERE late." + UpdatedBeforeCreatedColumn.NAME + " "
                            + before.operator().sql() + " ? AND late.created_at" + since
                    : "SELECT late.id FROM images late WHERE late.updated_at " + before.operator().sql()
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

    /**
     * SQLite, an {@code updated_at=gt:/gte:} bound in a list newest first with no other filter on {@code images}:
     * SQLite read the range of {@code updated_at_image_idx} after the bound and sorted it (half the images for
     * a bound in the middle: 0.3-0.5 s at a million), when the newest images all qualify (they were updated
     * since they were created). Read in two parts, in turn: the images created after the bound, a walk of the
     * {@code created_at} index that stops with the page, and only when they are too few the older ones, as
     * before. Each part keeps the filter; the second part's rows all follow the first's.
     */
    private Optional<ListFilter.TimestampCompare> updatedSince(ImageListQuery query) {
        SortOrder first = query.order().getFirst();
        if (dialect != Dialect.SQLITE || first.column() != ImageColumn.CREATED_AT || !first.descending()) {
            return Optional.empty();
        }
        Optional<ListFilter.TimestampCompare> since = Optional.empty();
        for (ListFilter filter : query.filters()) {
            if (filter instanceof ListFilter.TimestampCompare compare && compare.column() == ImageColumn.UPDATED_AT
                    && (compare.operator() == ListFilter.Operator.GT || compare.operator() == ListFilter.Operator.GTE)
                    && since.isEmpty()) {
                since = Optional.of(compare);
            } else if (!indexesNothing(filter)) {
                return Optional.empty();
            }
        }
        return since;
    }

    private static List<SqlStatement> updatedSinceApart(ListFilter.TimestampCompare since, String where,
            List<Object> whereParameters, String page) {
        List<Object> createdSince = new ArrayList<>(whereParameters);
        createdSince.add(since.utc());
        List<Object> createdBefore = new ArrayList<>(whereParameters);
        createdBefore.add(since.utc());
        return List.of(
                new SqlStatement("SELECT images.id FROM " + CREATED_AT_WALK + " WHERE " + where
                        + " AND images.created_at > ?" + page, createdSince),
                new SqlStatement("SELECT images.id FROM images WHERE " + where + " AND images.created_at <= ?" + page,
                        createdBefore));
    }

    private static String bind(ImageVisibility.Condition condition, List<Object> parameters) {
        parameters.addAll(condition.parameters());
        return condition.sql();
    }

    /**
     * SQLite: the equality filters on a few-valued indexed column ({@code status}, {@code disk_format},
     * {@code container_format}) of a page that walks another key's index, whose matches are to be counted (up
     * to the cap) by {@link #matchCount}: one matching many images is better checked on each image the walk
     * passes. SQLite took such a filter's index, read all its images and sorted them: {@code status=active&
     * protected=true&sort=updated_at:asc&limit=100} at 1M read 970,000 rows (375 ms), and {@code status=active&
     * disk_format=qcow2&...&sort=size:asc} 125,000 (170 ms). A value matching few images keeps its index.
     */
    List<ListFilter> walkedPastCandidates(ImageListQuery query) {
        if (dialect != Dialect.SQLITE || !indexOrdered(query.order())) {
            return List.of();
        }
        ImageColumn first = query.order().getFirst().column();
        // one value in created_at order is a walk of the column's own index: (column, created_at, id)
        return query.filters().stream().filter(filter -> filter instanceof ListFilter.AnyOf(ImageColumn column,
                List<String> values) && !values.isEmpty() && column != first && FEW_VALUED.contains(column)
                && !(values.size() == 1 && first == ImageColumn.CREATED_AT)).toList();
    }

    private static final Set<ImageColumn> FEW_VALUED = Set.of(ImageColumn.STATUS, ImageColumn.DISK_FORMAT,
            ImageColumn.CONTAINER_FORMAT);

    /** How many rows, up to {@code cap}, a tag, property or column filter matches ({@link FilterSql#matchCount}). */
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
