package org.glancej.images.list;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.glancej.db.Dialect;
import org.glancej.db.ExtraIndexes;
import org.glancej.db.ShortValueColumn;

/**
 * The SQL of a list's filters: each filter as a condition on {@code images}, and for tag and property filters
 * the rows they match, which can drive a page (see {@link ImagePageReader}).
 */
final class FilterSql {
    /** Keeps upstream's (image_id, ...) indexes of image_properties out of MariaDB's choice (see probedProperties). */
    private static final String UPSTREAMS_IMAGE_ID_INDEXES =
            " IGNORE INDEX (ix_image_properties_image_id_name, ix_image_properties_image_id)";

    private final Dialect dialect;
    private final PlannerHints hints;
    /** On MariaDB/MySQL: whether {@code image_properties} has {@link ShortValueColumn} (db_sync adds it). */
    private final boolean shortValueColumn;

    FilterSql(Dialect dialect, PlannerHints hints, boolean shortValueColumn) {
        this.dialect = dialect;
        this.hints = hints;
        this.shortValueColumn = dialect == Dialect.MYSQL && shortValueColumn;
    }


    /**
     * How the page reads images: whether it walks a sort index, how many tag and property filters it has, and
     * which column filters it checks per image it walks past instead of reading through their index
     * ({@link ImageListSql#walkedPastCandidates}; SQLite only).
     */
    record Reading(boolean indexOrdered, long tagAndPropertyFilters, Set<ListFilter> walkedPast) {
        static Reading of(boolean indexOrdered, List<ListFilter> filters, Set<ListFilter> walkedPast) {
            return new Reading(indexOrdered, filters.stream().filter(FilterSql::canDrive).count(), walkedPast);
        }
    }

    /** {@code filter} as a condition on {@code images}, for a page read as {@code reading} says. */
    String condition(ListFilter filter, Reading reading, List<Object> parameters) {
        return switch (filter) {
            case ListFilter.AnyOf(ImageColumn column, List<String> values) -> {
                if (values.isEmpty()) {
                    yield "FALSE";
                }
                yield textIn(reading.walkedPast().contains(filter) ? hints.unindexed(column.qualified())
                        : column.qualified(), values, parameters);
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
            case ListFilter.HasTag ignored -> probe(reading, rowsOf(filter, "images.id", parameters));
            case ListFilter.HasProperty ignored -> probe(reading, rowsOf(filter, "images.id", parameters));
            case ListFilter.MatchesNothing ignored -> "FALSE";
        };
    }

    /** "table WHERE ...": the live rows of a tag or property filter for the image whose id is {@code imageId}. */
    private String rowsOf(ListFilter filter, String imageId, List<Object> parameters) {
        return switch (filter) {
            case ListFilter.HasTag(String value) -> "image_tags WHERE image_tags.image_id = " + imageId + " AND "
                    + textIn("image_tags.value", List.of(value), parameters)
                    + " AND " + hints.unindexed("image_tags.deleted") + " = FALSE";
            case ListFilter.HasProperty(String name, String value) -> {
                String nameMatches = textIn("image_properties.name", List.of(name), parameters);
                yield probedProperties(value) + " WHERE image_properties.image_id = " + imageId + " AND " + nameMatches
                        + " AND " + valueMatches(value, parameters)
                        + " AND " + hints.unindexed("image_properties.deleted") + " = FALSE";
            }
            default -> throw new IllegalArgumentException("not a tag or property filter: " + filter);
        };
    }

    /**
     * The property table as a probe per image reads it. MariaDB picks upstream's unique (image_id, name) index
     * for a probe, which reads the row for its value; with a short value the index of {@link ShortValueColumn}
     * answers it alone (the same one row), so upstream's two image_id indexes are kept out of its choice.
     */
    private String probedProperties(String value) {
        return "image_properties" + (shortValueColumn && isShort(value) ? UPSTREAMS_IMAGE_ID_INDEXES : "");
    }

    /**
     * Whether a driven page checks {@code filter} inside the driver's subquery ({@link #matchingImages}) rather
     * than on {@code images}: on PostgreSQL, the other tag and property filters; on MariaDB/MySQL with
     * {@link ShortValueColumn}, the other property filters of short values.
     */
    boolean checkedInDriver(ListFilter filter, ListFilter driver) {
        if (shortValueColumn) {
            return filter instanceof ListFilter.HasProperty(String name, String value) && isShort(value)
                    && filter != driver;
        }
        return dialect == Dialect.POSTGRESQL && canDrive(filter) && filter != driver;
    }

    /**
     * Whether a row of a tag or property table exists for the image ({@link PlannerHints#exists}). SQLite turns
     * such an {@code EXISTS} into a semi-join: alone, probed per image of the walk from the covering value index;
     * but with two or more of them it reckons the walk too long and, for a member, scans a covering sort index
     * whole and sorts every match (1.1-2.3 s at 1M images for {@code os_version=29&hw_disk_bus=scsi}). A
     * {@code LIMIT} keeps each a correlated subquery, which does not change the walk.
     */
    private String probe(Reading reading, String tableWhere) {
        if (dialect == Dialect.SQLITE && reading.indexOrdered() && reading.tagAndPropertyFilters() > 1) {
            return "EXISTS (SELECT 1 FROM " + tableWhere + " LIMIT 1)";
        }
        return hints.exists(reading.indexOrdered(), tableWhere);
    }

    /** Whether {@link #matchCount} and a driven page apply: a tag or property filter. */
    static boolean canDrive(ListFilter filter) {
        return filter instanceof ListFilter.HasTag || filter instanceof ListFilter.HasProperty;
    }

    /**
     * How many rows (deleted ones too), up to {@code cap}, a tag, property or column filter matches: read from
     * the value indexes of {@code ExtraIndexes} (a column's from its sort index), so at most {@code cap} index
     * entries. Walking the sort order
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
                        + indexedValue(value, parameters);
            }
            case ListFilter.AnyOf(ImageColumn column, List<String> values) ->
                    "SELECT images.id FROM images WHERE " + textIn(column.qualified(), values, parameters);
            default -> throw new IllegalArgumentException("not a tag, property or column filter: " + filter);
        };
        return new SqlStatement("SELECT COUNT(*) FROM (" + rows + " LIMIT " + cap + ") matches", parameters);
    }

    /**
     * The ids of the live images the driver (a tag or property filter) matches, as a subquery; on PostgreSQL
     * only those that also match the query's other tag and property filters ({@code all}), each probed per id
     * from its value index. So the page reads only the images of the intersection (648 of 2,000 for
     * {@code os_version=29&hw_disk_bus=scsi} at 100k) and the probes stay bounded by the driver's count: as a
     * semi-join on {@code images} the planner joined the other filter's whole value range to the ids, cheap-looking
     * from the short-value index alone (125,000 {@code os_distro=ubuntu} entries for the 1,000 images of
     * {@code tag=tag-42} at 1M: 75 ms).
     */
    String matchingImages(ListFilter driver, List<ListFilter> all, List<Object> parameters) {
        if (shortValueColumn) {
            return joinedMatchingImages(driver, all, parameters);
        }
        String ids = matchingImages(driver, parameters);
        StringBuilder others = new StringBuilder();
        for (ListFilter filter : all) {
            if (checkedInDriver(filter, driver)) {
                others.append(" AND ").append(hints.exists(true, rowsOf(filter, "driver.image_id", parameters)));
            }
        }
        return others.isEmpty() ? ids : "SELECT driver.image_id FROM (" + ids + ") driver WHERE TRUE" + others;
    }

    /**
     * MariaDB/MySQL's {@link #matchingImages}: the driver's rows joined to each other short property filter's
     * row of the same image, all from {@code ExtraIndexes.SHORT_PROPERTY_VALUES} (upstream's unique
     * (image_id, name) allows one row per name: no duplicates). A dependent subquery per id cost MariaDB about
     * 6 us, a join step under 2 us. As a derived table with a {@code LIMIT} (that cuts nothing) it is
     * materialised first, so that only the intersection's images are read (666 of 2,000 for
     * {@code os_version=29&hw_disk_bus=scsi} at 100k); merged into the page, the optimizer walked every image.
     */
    private String joinedMatchingImages(ListFilter driver, List<ListFilter> all, List<Object> parameters) {
        String table = driver instanceof ListFilter.HasTag ? "image_tags" : "image_properties";
        List<Object> joinParameters = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        int joined = 0;
        for (ListFilter filter : all) {
            if (checkedInDriver(filter, driver)
                    && filter instanceof ListFilter.HasProperty(String name, String value)) {
                String alias = "p" + joined++;
                joins.append(" STRAIGHT_JOIN image_properties ").append(alias).append(UPSTREAMS_IMAGE_ID_INDEXES)
                        .append(" ON ").append(alias).append(".image_id = ").append(table).append(".image_id AND ")
                        .append(textIn(alias + ".name", List.of(name), joinParameters)).append(" AND ")
                        .append(textIn(alias + "." + ShortValueColumn.NAME, List.of(value), joinParameters))
                        .append(" AND ").append(alias).append(".deleted = FALSE");
            }
        }
        if (joined == 0) {
            return matchingImages(driver, parameters);
        }
        List<Object> driverParameters = new ArrayList<>();
        String ids = matchingImages(driver, driverParameters);
        parameters.addAll(joinParameters);
        parameters.addAll(driverParameters);
        String from = "FROM " + table + " WHERE ";
        return "SELECT driver.image_id FROM (" + ids.replace(from, "FROM " + table + joins + " WHERE ")
                + " LIMIT " + Long.MAX_VALUE + ") driver";
    }

    /** The ids of the live images a tag or property filter matches, as a subquery. */
    private String matchingImages(ListFilter filter, List<Object> parameters) {
        return switch (filter) {
            case ListFilter.HasTag(String value) -> "SELECT image_tags.image_id FROM image_tags WHERE "
                    + textIn("image_tags.value", List.of(value), parameters) + " AND " + hints.unindexed("image_tags.deleted")
                    + " = FALSE";
            case ListFilter.HasProperty(String name, String value) -> {
                String nameMatches = textIn("image_properties.name", List.of(name), parameters);
                String prefix = dialect == Dialect.POSTGRESQL && !isShort(value)
                        ? " AND " + propertyValuePrefix(value, parameters) : "";
                yield "SELECT image_properties.image_id FROM image_properties WHERE " + nameMatches + prefix + " AND "
                        + valueMatches(value, parameters)
                        + " AND " + hints.unindexed("image_properties.deleted") + " = FALSE";
            }
            default -> throw new IllegalArgumentException("not a tag or property filter: " + filter);
        };
    }

    /**
     * The condition on the property value that a value index serves: a short value's is that of
     * {@code ExtraIndexes.SHORT_PROPERTY_VALUES} (index-only), a longer value's the prefix's.
     */
    private String indexedValue(String value, List<Object> parameters) {
        if (dialect == Dialect.POSTGRESQL && isShort(value)) {
            parameters.add(value);
            return "length(image_properties.value) <= " + ExtraIndexes.SHORT_PROPERTY_VALUE
                    + " AND image_properties.value = ?";
        }
        if (shortValueColumn && isShort(value)) {
            parameters.add(value);
            return "image_properties." + ShortValueColumn.NAME + " = ?";
        }
        return propertyValuePrefix(value, parameters);
    }

    /**
     * The property value equal to {@code value}, compared so that {@code ExtraIndexes.SHORT_PROPERTY_VALUES}
     * answers it from the index when the value is at most {@code ExtraIndexes.SHORT_PROPERTY_VALUE} characters
     * (as the database counts them): on PostgreSQL by repeating the partial index's condition as the index
     * spells it, on MariaDB/MySQL by comparing {@link ShortValueColumn} (the value itself when that short).
     * The rows equal to the value are the same: an equal value has the same length.
     */
    private String valueMatches(String value, List<Object> parameters) {
        if (dialect == Dialect.POSTGRESQL && isShort(value)) {
            return "length(image_properties.value) <= " + ExtraIndexes.SHORT_PROPERTY_VALUE + " AND "
                    + textIn("image_properties.value", List.of(value), parameters);
        }
        if (shortValueColumn && isShort(value)) {
            return textIn("image_properties." + ShortValueColumn.NAME, List.of(value), parameters);
        }
        return textIn("image_properties.value", List.of(value), parameters);
    }

    private static boolean isShort(String value) {
        return value.codePointCount(0, value.length()) <= ExtraIndexes.SHORT_PROPERTY_VALUE;
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
