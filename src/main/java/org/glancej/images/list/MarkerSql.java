package org.glancej.images.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.glancej.db.Dialect;

/**
 * The SQL of an order and of keyset paging in it: rows strictly after a marker's sort values, with nulls where
 * each database sorts them natively, and bounds that let the database start its index scan at the marker.
 */
final class MarkerSql {
    private final Dialect dialect;

    MarkerSql(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Each database's native null order, as upstream's plain {@code ORDER BY} has it. */
    static String orderTerm(SortOrder key) {
        return key.column().qualified() + (key.descending() ? " DESC" : " ASC");
    }

    /** {@code ORDER BY} the keys in turn, then {@code LIMIT}: the tail of a page query. */
    static String orderByLimit(List<SortOrder> order, int limit) {
        StringJoiner terms = new StringJoiner(", ", " ORDER BY ", " LIMIT " + limit);
        order.forEach(key -> terms.add(orderTerm(key)));
        return terms.toString();
    }

    /**
     * Whether the key's nulls come after its non-null values in the key's direction: PostgreSQL sorts nulls as
     * the largest values (last ascending), MariaDB/MySQL and SQLite as the smallest (last descending).
     */
    boolean nullsFollow(SortOrder key) {
        return key.column().nullable() && key.descending() != (dialect == Dialect.POSTGRESQL);
    }

    /**
     * Whether the rows after a marker whose value of {@code key} (the first key) is {@code markerValue} are the
     * rest of the key's non-null values and then its nulls, read apart (ascending on PostgreSQL, descending on
     * SQLite). PostgreSQL and SQLite cannot bound an index scan by "{@code k >= v OR k IS NULL}": PostgreSQL
     * filtered every row before the marker (a deep page read 90% of a million-row index), SQLite scanned the
     * index from its start or sorted (100 ms at 100k). MariaDB range-scans that condition as it is.
     */
    boolean readsNullsApart(SortOrder key, Object markerValue) {
        return dialect != Dialect.MYSQL && nullsFollow(key) && markerValue != null;
    }

    /**
     * Rows strictly after the marker in the total order, nested as
     * {@code k1 after v1 OR (k1 = v1 AND (k2 after v2 OR (k2 = v2 AND ...)))}, with nulls where the
     * database sorts them ({@link #nullsFollow}), plus a leading bound on the first key that lets the database range-scan its index.
     */
    String afterMarker(List<SortOrder> order, List<Object> values, List<Object> parameters) {
        List<Object> nested = new ArrayList<>();
        String predicate = after(order, values, 0, nested);
        Optional<String> bound = rowBound(order, values, parameters)
                .or(() -> leadingBound(order.getFirst(), values.getFirst(), parameters));
        parameters.addAll(nested);
        return bound.map(b -> b + " AND " + predicate).orElse(predicate);
    }

    /** {@link #afterMarker} without the leading bound, for a caller that bounds the scan itself. */
    String afterWithoutBound(List<SortOrder> order, List<Object> values, List<Object> parameters) {
        return after(order, values, 0, parameters);
    }

    private String after(List<SortOrder> order, List<Object> values, int i, List<Object> parameters) {
        SortOrder key = order.get(i);
        Object value = values.get(i);
        String column = key.column().qualified();
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
    Optional<String> strictlyAfter(SortOrder key, Object value, List<Object> parameters) {
        String column = key.column().qualified();
        if (value == null) {
            // nulls tie among themselves: after them come the non-null values, or nothing when nulls come last
            return nullsFollow(key) ? Optional.empty() : Optional.of(column + " IS NOT NULL");
        }
        parameters.add(value);
        String after = column + (key.descending() ? " < ?" : " > ?");
        return Optional.of(nullsFollow(key) ? "(" + after + " OR " + column + " IS NULL)" : after);
    }

    /**
     * PostgreSQL and SQLite: the whole marker as one row comparison, {@code (k1, k2, k3) > (v1, v2, v3)}, which
     * bounds the scan of the order's index at the marker itself; the leading bound {@code k1 >= v1} starts it at
     * the first row of the marker's {@code k1} value and filters the rest of that value, half the table for a
     * deep marker in {@code status} order (SQLite: 23 ms at 100k). SQLite only for {@link #keyThenTieBreakers}.
     * Only when all keys share a direction and no value compared can be null (after the first key, none is
     * nullable; a nullable first key's nulls are read apart or come before the marker).
     */
    Optional<String> rowBound(List<SortOrder> order, List<Object> values, List<Object> parameters) {
        boolean descending = order.getFirst().descending();
        boolean applies = (dialect == Dialect.POSTGRESQL || dialect == Dialect.SQLITE && keyThenTieBreakers(order))
                && order.size() > 1 && values.getFirst() != null;
        for (int i = 1; applies && i < order.size(); i++) {
            applies = order.get(i).descending() == descending && !order.get(i).column().nullable();
        }
        if (!applies) {
            return Optional.empty();
        }
        parameters.addAll(values);
        String columns = order.stream().map(key -> key.column().qualified())
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        return Optional.of("(" + columns + ") " + (descending ? "<" : ">") + " (" + "?, ".repeat(order.size() - 1)
                + "?)");
    }

    /**
     * A key and then {@code created_at, id}: the order of the key's index in {@code ExtraIndexes}, which SQLite
     * bounds by the whole row. Its index on {@code created_at} alone holds the rowid, not {@code id}: there
     * SQLite would rather skip-scan another index and sort.
     */
    private static boolean keyThenTieBreakers(List<SortOrder> order) {
        return order.size() == 3 && order.get(1).column() == ImageColumn.CREATED_AT
                && order.get(2).column() == ImageColumn.ID;
    }

    private Optional<String> leadingBound(SortOrder key, Object value, List<Object> parameters) {
        String column = key.column().qualified();
        if (value == null) {
            return nullsFollow(key) ? Optional.of(column + " IS NULL") : Optional.empty();
        }
        parameters.add(value);
        String from = column + (key.descending() ? " <= ?" : " >= ?");
        return Optional.of(nullsFollow(key) ? "(" + from + " OR " + column + " IS NULL)" : from);
    }
}
