package org.glancej.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Indexes this service adds to upstream's schema so that image lists stay fast at a million images (see
 * docs/database.md, "List indexes"). Upstream never names an index {@code glancej_...} and its tools never
 * look at indexes they did not make (its db_sync, db version and db check read {@code alembic_version} only),
 * so they live beside upstream's schema without changing what upstream sees. {@code glance-manage db_sync}
 * creates the missing ones, also on a database upstream made; a database without them still works, slower.
 */
public final class ExtraIndexes {
    /** Name prefix upstream never uses. */
    public static final String PREFIX = "glancej_";

    /**
     * Property values are {@code TEXT} (up to 64 KiB): MariaDB indexes a prefix of them, PostgreSQL an
     * expression over one (a whole value could exceed a b-tree entry's size and make inserts fail). Lists
     * compare the whole value as well, so the prefix only narrows the index range.
     */
    public static final int PROPERTY_VALUE_PREFIX = 100;

    /**
     * PostgreSQL's partial index of the property rows whose value is at most {@link #SHORT_PROPERTY_VALUE}
     * characters, with the whole value and {@code deleted}: a filter on such a value reads its image ids and
     * probes an image's row from the index alone (index-only scans). A query that wants it must repeat its
     * condition, {@code length(value) <= 100}, literally. Longer values stay out of it, so no insert can
     * exceed a b-tree entry (at most 255 characters of name and 100 of value: 1.5 KB of the 2.7 KB allowed).
     * On MariaDB/MySQL it indexes the invisible virtual column {@link ShortValueColumn} (such a value, else
     * null) instead, which a query must name: at most 765 + 300 + 108 bytes of the 3,072 an entry may have.
     */
    public static final String SHORT_PROPERTY_VALUES = PREFIX + "image_properties_short_value";

    /** The longest property value {@link #SHORT_PROPERTY_VALUES} holds, in characters. */
    public static final int SHORT_PROPERTY_VALUE = 100;

    /**
     * Earlier releases indexed PostgreSQL's nullable sort keys {@code NULLS FIRST}, the order lists then used;
     * such an index no longer serves a list and counts as missing: {@link #ensure} replaces it.
     */
    private static final String OBSOLETE_DEFINITION = "NULLS FIRST";

    /**
     * The partial index of {@link #UPDATED_BEFORE_CREATED}: images whose {@code updated_at} is before their
     * {@code created_at} (none unless clocks disagreed), the only ones an {@code updated_at=lt:} list must
     * look for beyond its bound (see {@code images.list.ImageListSql}).
     */
    public static final String UPDATED_BEFORE_CREATED = PREFIX + "images_updated_before_created";

    /** Images by owner, then visibility, in the default list order. */
    public static final String OWNER_VISIBILITY = PREFIX + "images_owner_visibility";

    /**
     * One index: its name, table, column list as each dialect spells it ({@code null}: not on that dialect),
     * and the condition of a partial index ({@code null}: every row; PostgreSQL and SQLite only, MariaDB has none).
     */
    record Index(String name, String table, String sqlite, String mysql, String postgresql, String where) {
        Index(String name, String table, String sqlite, String mysql, String postgresql) {
            this(name, table, sqlite, mysql, postgresql, null);
        }

        String columns(Dialect dialect) {
            return switch (dialect) {
                case SQLITE -> sqlite;
                case MYSQL -> mysql;
                case POSTGRESQL -> postgresql;
            };
        }

        boolean on(Dialect dialect) {
            return columns(dialect) != null;
        }
    }

    /** The columns of {@code images} that the list condition of every caller reads (see {@link #sortIndex}). */
    private static final List<String> VISIBLE_TO_MEMBERS = List.of("visibility", "owner", "deleted", "os_hidden",
            "status");

    /**
     * On MariaDB the sort indexes also hold the formats, filters that a walk in another order checks per row:
     * {@code disk_format=qcow2&os_distro=cirros&sort=size:asc} at 1M walked 22,000 entries of the size index
     * to find 25 images, each row read by its key to compare its format (64 ms; from the index alone 5.5 ms).
     * SQLite keeps its indexes as they were: an index covering more of a query is one SQLite would rather read
     * whole and sort (see images.list.ImageListSql).
     */
    private static final List<String> FORMATS = List.of("disk_format", "container_format");

    static final List<Index> ALL = List.of(
            sortIndex("name"), sortIndex("size"), updatedAtIndex(), sortIndex("status"),
            sortIndex("disk_format"), sortIndex("container_format"),
            // owner= in list order (SQLite read the owner's images by owner_image_idx and sorted them: 0.4 s at 1M)
            plainSortIndex("owner"),
            // MariaDB: the default order with the member columns and formats. Upstream's created_at index holds no
            // other column, so its walk reads each row by its key: os_version=29&hw_disk_bus=scsi at 1M walks about
            // 5,000 images for 25 (member 55 -> 24 ms, admin 30 -> 17 ms; other lists the same within noise)
            new Index(PREFIX + "images_created_at", "images", null,
                    "created_at, id" + others(VISIBLE_TO_MEMBERS, "") + others(FORMATS, ""), null),
            // a project's images of one visibility in list order: a non-admin's visibility=private list (see
            // images.list.ScopeSql); the index above would read every image of the project to find none private
            new Index(OWNER_VISIBILITY, "images", "owner, visibility, created_at, id",
                    "owner, visibility, created_at, id", "owner, visibility, created_at, id"),
            new Index(PREFIX + "image_tags_value", "image_tags",
                    "value, image_id", "value, image_id", "value, image_id"),
            // SQLite indexes whole values and, with deleted, answers a filter from the index alone; MariaDB's
            // prefix never covers (the row is read to compare the whole value), nor could a whole TEXT value;
            // the short-value index below does, on MariaDB through ShortValueColumn
            new Index(PREFIX + "image_properties_name_value", "image_properties",
                    "name, value, image_id, deleted",
                    "name, value(" + PROPERTY_VALUE_PREFIX + "), image_id",
                    "name, left(value, " + PROPERTY_VALUE_PREFIX + "), image_id"),
            new Index(SHORT_PROPERTY_VALUES, "image_properties", null,
                    "name, " + ShortValueColumn.NAME + ", image_id, deleted", "name, value, image_id, deleted",
                    "length(value) <= " + SHORT_PROPERTY_VALUE),
            // MariaDB has neither partial nor expression indexes: there it indexes UpdatedBeforeCreatedColumn
            new Index(UPDATED_BEFORE_CREATED, "images", "updated_at, created_at, id",
                    UpdatedBeforeCreatedColumn.NAME + ", created_at, id", "updated_at, created_at, id",
                    "updated_at < created_at"));

    /** MariaDB/MySQL: the virtual columns, by the index on each, which db_sync adds before that index. */
    private static final Map<String, VirtualColumn> COLUMNS = Map.of(
            SHORT_PROPERTY_VALUES, ShortValueColumn.COLUMN,
            UPDATED_BEFORE_CREATED, UpdatedBeforeCreatedColumn.COLUMN);

    private ExtraIndexes() {}

    /** Names of the list indexes on this dialect. */
    public static List<String> names(Dialect dialect) {
        return ALL.stream().filter(index -> index.on(dialect)).map(Index::name).toList();
    }

    /**
     * A sort key followed by upstream's tie-breakers, so that a page in that order is a walk of the index.
     * Lists sort nulls in each database's native order, which is also the index's.
     *
     * <p>On MariaDB and SQLite the index also holds every other column a non-admin's list condition reads
     * ({@link #VISIBLE_TO_MEMBERS}), so that the walk rejects images the caller may not see from the index
     * alone. Otherwise each one cost a lookup of the row by its key: a member's {@code status=queued} list
     * read 20,000 rows of other projects' private queued images at 1M (MariaDB 65-87 ms, SQLite 57 ms).
     * PostgreSQL checks the heap row for visibility anyway, and walks those rows in less than half that time.
     */
    private static Index sortIndex(String column) {
        String columns = column + ", created_at, id";
        String covering = columns + others(VISIBLE_TO_MEMBERS, column);
        return new Index(PREFIX + "images_" + column, "images", covering,
                covering + others(FORMATS, column), columns);
    }

    private static String others(List<String> columns, String column) {
        return columns.stream().filter(c -> !c.equals(column)).map(c -> ", " + c).reduce("", String::concat);
    }

    /**
     * {@code updated_at}'s sort index stays narrow on SQLite and PostgreSQL, where an {@code updated_at=lt:} list
     * reads a long range of it (see images.list.ImageListSql). On MariaDB such a list reads {@link
     * UpdatedBeforeCreatedColumn}'s index instead, so there it holds what the other sort indexes hold: a member's
     * {@code sort=updated_at:asc&limit=1000} at 100k read 1,466 rows by their key to check the caller's
     * condition (4 ms of the database's CPU; from the index alone 1.6 ms, and the admin's 1.7 -> 0.5 ms).
     */
    private static Index updatedAtIndex() {
        Index plain = plainSortIndex("updated_at");
        return new Index(plain.name(), plain.table(), plain.sqlite(), sortIndex("updated_at").mysql(),
                plain.postgresql());
    }

    /** A sort index with the same columns on every database. */
    private static Index plainSortIndex(String column) {
        String columns = column + ", created_at, id";
        return new Index(PREFIX + "images_" + column, "images", columns, columns, columns);
    }

    /** Names of the list indexes the database lacks (or has in an obsolete definition). */
    public static List<String> missing(Connection connection, Dialect dialect) throws SQLException {
        Set<String> present = present(connection, dialect);
        return names(dialect).stream().filter(name -> !present.contains(name)).toList();
    }

    /** Creates the missing list indexes; returns their names. Run under the migration lock. */
    static List<String> ensure(Connection connection, Dialect dialect) throws SQLException {
        Set<String> present = present(connection, dialect);
        List<String> created = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (Index index : ALL) {
                if (index.on(dialect) && !present.contains(index.name())) {
                    VirtualColumn column = dialect == Dialect.MYSQL ? COLUMNS.get(index.name()) : null;
                    if (column != null) {
                        column.ensure(connection); // dropping a column of another definition drops its index
                    }
                    if (dialect == Dialect.MYSQL && exists(connection, index.name())) {
                        // in one statement: the old definition serves lists until the new one is built
                        statement.execute("ALTER TABLE " + index.table() + " DROP INDEX " + index.name()
                                + ", ADD INDEX " + index.name() + " (" + index.columns(dialect) + ")");
                        created.add(index.name());
                        continue;
                    }
                    if (dialect != Dialect.MYSQL) {
                        statement.execute("DROP INDEX IF EXISTS " + index.name());
                    }
                    statement.execute("CREATE INDEX " + index.name() + " ON " + index.table()
                            + " (" + index.columns(dialect) + ")"
                            + (index.where() == null || dialect == Dialect.MYSQL ? "" : " WHERE " + index.where()));
                    created.add(index.name());
                }
            }
        }
        return created;
    }

    private static boolean exists(Connection connection, String index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM information_schema.statistics"
                + " WHERE table_schema = DATABASE() AND index_name = ?")) {
            statement.setString(1, index);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The list indexes the database has in their current definition. An obsolete one (PostgreSQL's
     * {@code NULLS FIRST}; on MariaDB and SQLite other columns than {@link Index#columns}, such as a sort index
     * from before it held {@link #VISIBLE_TO_MEMBERS}) is absent here, so {@link #ensure} replaces it.
     */
    private static Set<String> present(Connection connection, Dialect dialect) throws SQLException {
        Set<String> names = presentIndexes(connection, dialect);
        if (dialect == Dialect.MYSQL) {
            for (VirtualColumn column : COLUMNS.values()) {
                if (!column.current(connection)) {
                    names.remove(column.index());
                }
            }
        }
        return names;
    }

    private static Set<String> presentIndexes(Connection connection, Dialect dialect) throws SQLException {
        String sql = switch (dialect) {
            case SQLITE -> "SELECT name, sql FROM sqlite_master WHERE type = 'index'";
            case MYSQL -> "SELECT index_name, GROUP_CONCAT(CONCAT(column_name,"
                    + " COALESCE(CONCAT('(', sub_part, ')'), '')) ORDER BY seq_in_index SEPARATOR ', ')"
                    + " FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY index_name";
            case POSTGRESQL -> "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()";
        };
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1).toLowerCase(Locale.ROOT);
                if (name.startsWith(PREFIX) && current(dialect, name, rows.getString(2))) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static boolean current(Dialect dialect, String name, String definition) {
        return switch (dialect) {
            // the statement as it was run: CREATE INDEX name ON table (columns)
            case SQLITE -> ALL.stream().filter(index -> index.name().equals(name) && index.on(dialect))
                    .allMatch(index -> definition != null && definition.contains("(" + index.columns(dialect) + ")"));
            case POSTGRESQL -> !definition.contains(OBSOLETE_DEFINITION);
            case MYSQL -> ALL.stream().filter(index -> index.name().equals(name) && index.on(dialect))
                    .allMatch(index -> index.columns(dialect).equalsIgnoreCase(definition));
        };
    }
}
