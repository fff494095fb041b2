package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.glancej.db.Dialect;
import org.glancej.db.ExtraIndexes;
import org.glancej.images.ImageVisibility;
import org.glancej.images.list.ImageListQuery.Visibility;

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

    public ImageListSql(Dialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.hints = new PlannerHints(dialect);
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
        StringJoiner orderBy = new StringJoiner(", ");
        for (SortOrder key : query.order()) {
            orderBy.add(orderTerm(key));
        }
        String page = " ORDER BY " + orderBy + " LIMIT " + query.limit();
        if (marker.isPresent() && nullsAfterNonNullMarker(query.order(), marker.get())) {
            return nullsApart(query.order(), marker.get(), where.toString(), parameters, page);
        }
        marker.ifPresent(m -> where.add(afterMarker(query.order(), m.sortValues(), parameters)));
        Optional<ListFilter.TimestampCompare> updatedBefore = driver.isEmpty() ? updatedBefore(query) : Optional.empty();
        if (updatedBefore.isPresent()) {
            return updatedBeforeApart(query.order(), updatedBefore.get(), where.toString(), parameters, page);
        }
        String sql = "SELECT images.id FROM " + hints.imagesTable() + " WHERE " + where + page;
        return new SqlStatement(sql, parameters);
    }

    /** The conditions every listed image meets: visibility and filters, the driver as an id list. */
    private StringJoiner where(ImageListQuery query, ListScope scope, Optional<ListFilter> driver,
            boolean indexOrdered, List<Object> parameters) {
        StringJoiner where = new StringJoiner(" AND ");
        where.add(hints.unindexed("images.deleted") + " = FALSE");
        where.add(hints.unindexed("images.status") + " <> 'killed'"); // upstream never lists killed images
        ImageVisibility.SqlSpelling spelling = hints.spelling(indexOrdered);
        scope.visibility().listsSql(query.memberStatus(), spelling).ifPresent(c -> where.add(bind(c, parameters)));
        visibilityCondition(query.visibility(), scope, spelling, parameters).ifPresent(where::add);
        for (ListFilter filter : query.filters()) {
            where.add(driver.isPresent() && driver.get() == filter
                    ? "images.id IN (" + matchingImages(filter, parameters) + ")"
                    : filterCondition(filter, indexOrdered, parameters));
        }
        return where;
    }

    // --- a key of few values, then the tie-breakers the other way: one index walk per value ----------------

    /** A value of the first sort key (which may be null), as a group of a {@link #groupWalks} order. */
    public record Group(Object value) {
    }

    /**
     * Whether the order is a key of few values in one direction and then the tie-breakers in the other
     * ({@code sort_key=disk_format&sort_key=created_at&sort_dir=asc&sort_dir=desc}, or
     * {@code sort=status:asc,created_at:desc}): no index has that order, and the database sorted every image
     * after the marker (3 s at 1M on MariaDB). Within one value of the key, its index
     * ({@code key, created_at, id}) walked the other way is the order, so the page is read group by group.
     */
    static boolean groupWalks(List<SortOrder> order) {
        return order.size() == 3 && FEW_VALUED.contains(order.get(0).column())
                && order.get(1).column() == ImageColumn.CREATED_AT && order.get(2).column() == ImageColumn.ID
                && order.get(1).descending() == order.get(2).descending()
                && order.get(0).descending() != order.get(1).descending();
    }

    private static final List<ImageColumn> FEW_VALUED =
            List.of(ImageColumn.STATUS, ImageColumn.DISK_FORMAT, ImageColumn.CONTAINER_FORMAT);

    /**
     * The first sort key's next value with a listed image, after {@code after} (or the first one): column 1,
     * at most one row. Empty when no value can follow (nulls last and {@code after} null).
     */
    public Optional<SqlStatement> nextGroupQuery(ImageListQuery query, ListScope scope, Optional<Group> after) {
        List<Object> parameters = new ArrayList<>();
        SortOrder key = query.order().getFirst();
        StringJoiner where = where(query, scope, Optional.empty(), true, parameters);
        if (after.isPresent()) {
            Optional<String> strictlyAfter = strictlyAfter(key, after.get().value(), parameters);
            if (strictlyAfter.isEmpty()) {
                return Optional.empty();
            }
            where.add(strictlyAfter.get());
        }
        return Optional.of(new SqlStatement("SELECT " + column(key.column()) + " FROM " + hints.imagesTable()
                + " WHERE " + where + " ORDER BY " + orderTerm(key) + " LIMIT 1", parameters));
    }

    /**
     * Up to {@code limit} ids of the images with the first key's value {@code group}, in the tie-breakers'
     * order, after the marker's tie-breaker values when the group is the marker's.
     */
    public SqlStatement groupPageQuery(ImageListQuery query, ListScope scope, Group group, Optional<Marker> marker,
            int limit) {
        List<Object> parameters = new ArrayList<>();
        List<SortOrder> order = query.order();
        StringJoiner where = where(query, scope, Optional.empty(), true, parameters);
        String key = column(order.getFirst().column());
        if (group.value() == null) {
            where.add(key + " IS NULL");
        } else {
            where.add(key + " = ?");
            parameters.add(group.value());
        }
        marker.ifPresent(m -> where.add(afterMarker(order.subList(1, order.size()),
                m.sortValues().subList(1, order.size()), parameters)));
        return new SqlStatement("SELECT images.id FROM " + hints.imagesTable() + " WHERE " + where + " ORDER BY "
                + orderTerm(order.get(1)) + ", " + orderTerm(order.get(2)) + " LIMIT " + limit, parameters);
    }

    /**
     * Whether the page after the marker is the rest of the non-null values of a nullable first key, then its
     * nulls (ascending on PostgreSQL). PostgreSQL cannot bound an index scan by "{@code k >= v OR k IS NULL}"
     * and would filter every row before the marker (a deep page read 90% of a million-row index), so there
     * the two parts are read apart; MariaDB and SQLite range-scan that condition as it is.
     */
    private boolean nullsAfterNonNullMarker(List<SortOrder> order, Marker marker) {
        SortOrder first = order.getFirst();
        return dialect == Dialect.POSTGRESQL && nullsFollow(first) && marker.sortValues().getFirst() != null;
    }

    /**
     * The page as two index-bounded parts, non-null values of the first key after the marker and then its
     * nulls, each cut at a page; the outer query orders and cuts the union, so the answer is the same.
     */
    private SqlStatement nullsApart(List<SortOrder> order, Marker marker, String where, List<Object> whereParameters,
            String page) {
        List<Object> parameters = new ArrayList<>(whereParameters);
        String first = column(order.getFirst().column());
        String columns = order.stream().map(key -> column(key.column())).distinct()
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        Optional<String> rowBound = rowBound(order, marker.sortValues(), parameters);
        if (rowBound.isEmpty()) {
            parameters.add(marker.sortValues().getFirst());
        }
        String bound = rowBound.map(b -> b + " AND ")
                .orElse(first + (order.getFirst().descending() ? " <= ? AND " : " >= ? AND "));
        String nonNull = "SELECT " + columns + " FROM images WHERE " + where + " AND " + bound
                + after(order, marker.sortValues(), 0, parameters) + page;
        parameters.addAll(whereParameters);
        String nulls = "SELECT " + columns + " FROM images WHERE " + where + " AND " + first + " IS NULL" + page;
        return new SqlStatement("SELECT images.id FROM ((" + nonNull + ") UNION ALL (" + nulls + ")) images" + page,
                parameters);
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
        String columns = order.stream().map(key -> column(key.column())).distinct()
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

    // --- who may see what: ImageVisibility, plus the visibility parameter ---------------------------------

    /**
     * The {@code visibility} parameter; without it, {@link ImageVisibility#listsByDefaultSql}. Visibility values
     * are inlined: PostgreSQL stores them as an enum.
     */
    private Optional<String> visibilityCondition(Optional<Visibility> visibility, ListScope scope,
            ImageVisibility.SqlSpelling spelling, List<Object> parameters) {
        if (visibility.isEmpty()) {
            return Optional.of(bind(scope.visibility().listsByDefaultSql(spelling), parameters));
        }
        return switch (visibility.get()) {
            case ALL -> Optional.empty();
            case EMPTY -> Optional.of("FALSE");
            case PUBLIC -> Optional.of(visibility() + " = 'public'");
            case PRIVATE -> Optional.of(visibility() + " = 'private'");
            case SHARED -> Optional.of(visibility() + " = 'shared'");
            case COMMUNITY -> Optional.of(visibility() + " = 'community'");
        };
    }

    private static String bind(ImageVisibility.Condition condition, List<Object> parameters) {
        parameters.addAll(condition.parameters());
        return condition.sql();
    }

    private String visibility() {
        return hints.unindexed("images.visibility");
    }

    // --- filters ----------------------------------------------------------------------------------------

    private String filterCondition(ListFilter filter, boolean indexOrdered, List<Object> parameters) {
        return switch (filter) {
            case ListFilter.AnyOf(ImageColumn column, List<String> values) -> {
                if (values.isEmpty()) {
                    yield "FALSE";
                }
                yield textIn(column(column), values, parameters);
            }
            case ListFilter.IntegerCompare(ImageColumn column, ListFilter.Operator op, long value) -> {
                parameters.add(value);
                yield column(column) + " " + op.sql() + " ?";
            }
            case ListFilter.TimestampCompare(ImageColumn column, ListFilter.Operator op, Instant utc) -> {
                parameters.add(utc);
                yield column(column) + " " + op.sql() + " ?";
            }
            case ListFilter.BooleanEquals(ImageColumn column, boolean value) ->
                    hints.unindexed(column(column)) + " = " + (value ? "TRUE" : "FALSE");
            case ListFilter.HasTag(String value) -> hints.exists(indexOrdered,
                    "image_tags WHERE image_tags.image_id = images.id AND "
                    + textIn("image_tags.value", List.of(value), parameters)
                    + " AND " + hints.unindexed("image_tags.deleted") + " = FALSE");
            case ListFilter.HasProperty(String name, String value) -> {
                String nameMatches = textIn("image_properties.name", List.of(name), parameters);
                yield hints.exists(indexOrdered, "image_properties WHERE image_properties.image_id = images.id"
                        + " AND " + nameMatches + " AND " + textIn("image_properties.value", List.of(value), parameters)
                        + " AND " + hints.unindexed("image_properties.deleted") + " = FALSE");
            }
            case ListFilter.MatchesNothing ignored -> "FALSE";
        };
    }

    // --- few matches: read them instead of walking the order ------------------------------------------------

    /** Whether {@link #matchCount} and {@link #pageQuery}'s driver apply: a tag or property filter. */
    static boolean canDrive(ListFilter filter) {
        return filter instanceof ListFilter.HasTag || filter instanceof ListFilter.HasProperty;
    }

    /**
     * How many rows (deleted ones too), up to {@code cap}, a tag or property filter matches: read from the
     * value indexes of {@code ExtraIndexes}, so at most {@code cap} index entries. Walking the sort order
     * reads about {@code limit * images / matches} images, looking the images up reads {@code matches}: with
     * few matches the lookup wins, with many the walk.
     */
    public SqlStatement matchCount(ListFilter filter, int cap) {
        List<Object> parameters = new ArrayList<>();
        String rows = switch (filter) {
            case ListFilter.HasTag(String value) -> {
                parameters.add(value);
                yield "SELECT image_tags.image_id FROM image_tags WHERE image_tags.value = ?";
            }
            case ListFilter.HasProperty(String name, String value) -> {
                parameters.add(name);
                yield "SELECT image_properties.image_id FROM image_properties WHERE image_properties.name = ? AND "
                        + propertyValuePrefix(value, parameters);
            }
            default -> throw new IllegalArgumentException("not a tag or property filter: " + filter);
        };
        return new SqlStatement("SELECT COUNT(*) FROM (" + rows + " LIMIT " + cap + ") matches", parameters);
    }

    /** The ids of the live images a tag or property filter matches, as a subquery. */
    private String matchingImages(ListFilter filter, List<Object> parameters) {
        return switch (filter) {
            case ListFilter.HasTag(String value) -> "SELECT image_tags.image_id FROM image_tags WHERE "
                    + textIn("image_tags.value", List.of(value), parameters) + " AND " + hints.unindexed("image_tags.deleted")
                    + " = FALSE";
            case ListFilter.HasProperty(String name, String value) -> {
                String nameMatches = textIn("image_properties.name", List.of(name), parameters);
                String prefix = dialect == Dialect.POSTGRESQL ? propertyValuePrefix(value, parameters) + " AND " : "";
                yield "SELECT image_properties.image_id FROM image_properties WHERE " + nameMatches + " AND " + prefix
                        + textIn("image_properties.value", List.of(value), parameters)
                        + " AND " + hints.unindexed("image_properties.deleted") + " = FALSE";
            }
            default -> throw new IllegalArgumentException("not a tag or property filter: " + filter);
        };
    }

    /**
     * A condition on the property value that the (name, value prefix) index serves: PostgreSQL indexes an
     * expression, which the query must repeat; MariaDB/MySQL a prefix, which serves {@code value = ?} itself;
     * SQLite the whole value. Values hold no 4-byte characters, so Java's and the database's prefixes agree.
     */
    private String propertyValuePrefix(String value, List<Object> parameters) {
        if (dialect != Dialect.POSTGRESQL) {
            parameters.add(value);
            return "image_properties.value = ?";
        }
        int cut = value.codePointCount(0, value.length()) <= ExtraIndexes.PROPERTY_VALUE_PREFIX
                ? value.length() : value.offsetByCodePoints(0, ExtraIndexes.PROPERTY_VALUE_PREFIX);
        parameters.add(value.substring(0, cut));
        return "left(image_properties.value, " + ExtraIndexes.PROPERTY_VALUE_PREFIX + ") = ?";
    }

    /**
     * {@code expression} equal to one of {@code values} (not empty), as every database compares text: exactly.
     * MariaDB/MySQL's collation also matches other letter cases, accents and trailing spaces, so there the
     * bytes must match too; the collated comparison stays, for the indexes to serve it.
     */
    private String textIn(String expression, List<String> values, List<Object> parameters) {
        parameters.addAll(values);
        String collated = expression + in(values.size(), "?");
        if (dialect != Dialect.MYSQL) {
            return collated;
        }
        parameters.addAll(values);
        return "(" + collated + " AND BINARY " + expression + in(values.size(), "BINARY ?") + ")";
    }

    private static String in(int count, String placeholder) {
        return count == 1 ? " = " + placeholder : " IN (" + (placeholder + ", ").repeat(count - 1) + placeholder + ")";
    }

    private static String column(ImageColumn column) {
        return "images." + column.sqlName();
    }

    // --- order and keyset paging ------------------------------------------------------------------------

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

    /** Each database's native null order, as upstream's plain {@code ORDER BY} has it. */
    private static String orderTerm(SortOrder key) {
        return column(key.column()) + (key.descending() ? " DESC" : " ASC");
    }

    /**
     * Whether the key's nulls come after its non-null values in the key's direction: PostgreSQL sorts nulls as
     * the largest values (last ascending), MariaDB/MySQL and SQLite as the smallest (last descending).
     */
    private boolean nullsFollow(SortOrder key) {
        return key.column().nullable() && key.descending() != (dialect == Dialect.POSTGRESQL);
    }

    /**
     * Rows strictly after the marker in the total order, nested as
     * {@code k1 after v1 OR (k1 = v1 AND (k2 after v2 OR (k2 = v2 AND ...)))}, with nulls where the
     * database sorts them ({@link #nullsFollow}), plus a leading bound on the first key that lets the database range-scan its index.
     */
    private String afterMarker(List<SortOrder> order, List<Object> values, List<Object> parameters) {
        List<Object> nested = new ArrayList<>();
        String predicate = after(order, values, 0, nested);
        Optional<String> bound = rowBound(order, values, parameters)
                .or(() -> leadingBound(order.getFirst(), values.getFirst(), parameters));
        parameters.addAll(nested);
        return bound.map(b -> b + " AND " + predicate).orElse(predicate);
    }

    private String after(List<SortOrder> order, List<Object> values, int i, List<Object> parameters) {
        SortOrder key = order.get(i);
        Object value = values.get(i);
        String column = column(key.column());
        Optional<String> strictlyAfter = strictlyAfter(key, value, parameters);
        if (i == order.size() - 1) {
            return strictlyAfter.orElse("FALSE");
        }
        String equal;
        if (value == null) {
            equal = column + " IS NULL";
        } else {
            equal = column + " = ?";
            parameters.add(value);
        }
        String rest = equal + " AND " + after(order, values, i + 1, parameters);
        return strictlyAfter.map(s -> "(" + s + " OR (" + rest + "))").orElse("(" + rest + ")");
    }

    /** {@code key} strictly after {@code value} in the key's direction; empty when nothing can be. */
    private Optional<String> strictlyAfter(SortOrder key, Object value, List<Object> parameters) {
        String column = column(key.column());
        if (value == null) {
            // nulls tie among themselves: after them come the non-null values, or nothing when nulls come last
            return nullsFollow(key) ? Optional.empty() : Optional.of(column + " IS NOT NULL");
        }
        parameters.add(value);
        String after = column + (key.descending() ? " < ?" : " > ?");
        return Optional.of(nullsFollow(key) ? "(" + after + " OR " + column + " IS NULL)" : after);
    }

    /**
     * PostgreSQL: the whole marker as one row comparison, {@code (k1, k2, k3) > (v1, v2, v3)}, which bounds the
     * scan of the order's index at the marker itself; the leading bound {@code k1 >= v1} starts it at the first
     * row of the marker's {@code k1} value and filters the rest of that value, half the table for a deep marker
     * in {@code status} order. Only when all keys share a direction and no value compared can be null (after
     * the first key, none is nullable; a nullable first key's nulls are read apart or come before the marker).
     */
    private Optional<String> rowBound(List<SortOrder> order, List<Object> values, List<Object> parameters) {
        boolean descending = order.getFirst().descending();
        boolean applies = dialect == Dialect.POSTGRESQL && order.size() > 1 && values.getFirst() != null;
        for (int i = 1; applies && i < order.size(); i++) {
            applies = order.get(i).descending() == descending && !order.get(i).column().nullable();
        }
        if (!applies) {
            return Optional.empty();
        }
        parameters.addAll(values);
        String columns = order.stream().map(key -> column(key.column())).reduce((a, b) -> a + ", " + b).orElseThrow();
        return Optional.of("(" + columns + ") " + (descending ? "<" : ">") + " (" + "?, ".repeat(order.size() - 1)
                + "?)");
    }

    private Optional<String> leadingBound(SortOrder key, Object value, List<Object> parameters) {
        String column = column(key.column());
        if (value == null) {
            return nullsFollow(key) ? Optional.of(column + " IS NULL") : Optional.empty();
        }
        parameters.add(value);
        String from = column + (key.descending() ? " <= ?" : " >= ?");
        return Optional.of(nullsFollow(key) ? "(" + from + " OR " + column + " IS NULL)" : from);
    }
}
