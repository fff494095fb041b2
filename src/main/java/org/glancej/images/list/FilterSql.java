package org.glancej.images.list;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glancej.db.Dialect;
import org.glancej.db.ExtraIndexes;

/**
 * The SQL of a list's filters: each filter as a condition on {@code images}, and for tag and property filters
 * the rows they match, which can drive a page (see {@link ImagePageReader}).
 */
final class FilterSql {
    private final Dialect dialect;
    private final PlannerHints hints;

    FilterSql(Dialect dialect, PlannerHints hints) {
        this.dialect = dialect;
        this.hints = hints;
    }


    String condition(ListFilter filter, boolean indexOrdered, List<Object> parameters) {
        return switch (filter) {
            case ListFilter.AnyOf(ImageColumn column, List<String> values) -> {
                if (values.isEmpty()) {
                    yield "FALSE";
                }
                yield textIn(column.qualified(), values, parameters);
            }
            case ListFilter.IntegerCompare(ImageColumn column, ListFilter.Operator op, long value) -> {
                parameters.add(value);
                yield column.qualified() + " " + op.sql() + " ?";
            }
            case ListFilter.TimestampCompare(ImageColumn column, ListFilter.Operator op, Instant utc) -> {
                parameters.add(utc);
                yield column.qualified() + " " + op.sql() + " ?";
            }
            case ListFilter.BooleanEquals(ImageColumn column, boolean value) ->
                    hints.unindexed(column.qualified()) + " = " + (value ? "TRUE" : "FALSE");
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

    /** Whether {@link #matchCount} and a driven page apply: a tag or property filter. */
    static boolean canDrive(ListFilter filter) {
        return filter instanceof ListFilter.HasTag || filter instanceof ListFilter.HasProperty;
    }

    /**
     * How many rows (deleted ones too), up to {@code cap}, a tag or property filter matches: read from the
     * value indexes of {@code ExtraIndexes}, so at most {@code cap} index entries. Walking the sort order
     * reads about {@code limit * images / matches} images, looking the images up reads {@code matches}: with
     * few matches the lookup wins, with many the walk.
     */
    SqlStatement matchCount(ListFilter filter, int cap) {
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
    String matchingImages(ListFilter filter, List<Object> parameters) {
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
}
