package org.glancej.images.list;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.glancej.db.Dialect;
import org.glancej.images.list.ImageListQuery.VisibilityParam;
import org.glancej.images.list.ListFilter.Operator;

/** What the list should return, computed in memory from upstream's rules: the oracle for the SQL. */
final class ReferenceList {
    private ReferenceList() {
    }

    /**
     * Every image the query selects (ignoring marker and limit), in the query's order on {@code dialect}: nulls
     * sort as the database sorts them natively, as upstream's plain ORDER BY does.
     */
    static List<String> expected(List<TestImage> images, ImageListQuery query, ListScope scope, Dialect dialect) {
        return images.stream()
                .filter(image -> listed(image, query, scope))
                .sorted(comparator(query.order(), dialect == Dialect.POSTGRESQL))
                .map(image -> image.id)
                .toList();
    }

    private static boolean listed(TestImage image, ImageListQuery query, ListScope scope) {
        if (image.deleted || image.status.equals("killed")) {
            return false;
        }
        String project = scope.projectId();
        if (!scope.admin()) {
            boolean visible = image.visibility.equals("public") || image.visibility.equals("community");
            if (project != null) {
                visible |= project.equals(image.owner)
                        || (image.visibility.equals("shared") && image.members.stream().anyMatch(m -> !m.deleted()
                                && m.member().equals(project)
                                && (query.memberStatus().equals("all") || m.status().equals(query.memberStatus()))));
            }
            if (!visible) {
                return false;
            }
        }
        if (query.visibility().isEmpty()) {
            if (image.visibility.equals("community") && (project == null || !project.equals(image.owner))) {
                return false;
            }
        } else if (query.visibility().get() != VisibilityParam.ALL
                && !query.visibility().get().name().toLowerCase().equals(image.visibility)) {
            return false;
        }
        return query.filters().stream().allMatch(filter -> passes(image, filter));
    }

    private static boolean passes(TestImage image, ListFilter filter) {
        return switch (filter) {
            case ListFilter.AnyOf(ImageColumn column, List<String> values) ->
                    image.value(column) != null && values.contains(image.value(column));
            case ListFilter.IntegerCompare(ImageColumn column, Operator op, long bound) -> {
                Long value = switch (column) {
                    case SIZE -> image.size;
                    case MIN_DISK, MIN_RAM -> 0L;
                    default -> null;
                };
                yield value != null && compare(op, Long.compare(value, bound));
            }
            case ListFilter.TimestampCompare(ImageColumn column, Operator op, Instant bound) -> {
                Instant value = (Instant) image.value(column);
                yield value != null && compare(op, value.compareTo(bound));
            }
            case ListFilter.BooleanEquals(ImageColumn column, boolean value) ->
                    (column == ImageColumn.OS_HIDDEN ? image.osHidden : image.isProtected) == value;
            case ListFilter.HasTag(String value) -> image.hasLiveTag(value);
            case ListFilter.HasProperty(String name, String value) -> image.hasLiveProperty(name, value);
            case ListFilter.MatchesNothing ignored -> false;
        };
    }

    private static boolean compare(Operator op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NEQ -> c != 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
        };
    }

    /** Nulls are the largest values (PostgreSQL) or the smallest (MariaDB/MySQL, SQLite). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<TestImage> comparator(List<SortOrder> order, boolean nullsLargest) {
        Comparator<TestImage> result = (a, b) -> 0;
        for (SortOrder key : order) {
            Comparator<Comparable> values = nullsLargest
                    ? Comparator.nullsLast(Comparator.naturalOrder()) : Comparator.nullsFirst(Comparator.naturalOrder());
            Comparator<TestImage> byKey = Comparator.comparing(image -> (Comparable) image.value(key.column()), values);
            result = result.thenComparing(key.descending() ? byKey.reversed() : byKey);
        }
        return result;
    }
}
