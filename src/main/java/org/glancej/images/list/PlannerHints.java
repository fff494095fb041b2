package org.glancej.images.list;

import org.glancej.db.Dialect;
import org.glancej.images.ImageVisibility;

/**
 * SQL spellings that steer each database's planner to the plan a page of 25 needs (walk the sort index,
 * probe child tables by image id, stop after the page), using only upstream's indexes. Each one is pinned by
 * a measurement at 10k images; see {@code ImageListSqlitePerformanceTest}.
 */
final class PlannerHints {
    private final Dialect dialect;

    PlannerHints(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * A low-cardinality column ({@code deleted}, {@code os_hidden}, {@code visibility}...) that must not drive
     * index selection. SQLite has no statistics unless ANALYZE ran, and then prefers the index on
     * {@code deleted} or {@code os_hidden} (nearly every row) over walking the sort index, and
     * {@code ix_image_members_deleted} over the (image_id, member) index in the membership subquery
     * (10x to 1000x slower); a unary plus keeps an index out of SQLite's plan.
     */
    String unindexed(String column) {
        return dialect == Dialect.SQLITE ? "+" + column : column;
    }

    /**
     * The images table as the page query reads it. MariaDB intersects the boolean indexes (index_merge) and
     * then sorts every row instead of walking {@code created_at_image_idx} (15 ms instead of 0.3 ms).
     */
    String imagesTable() {
        return dialect == Dialect.MYSQL ? "images IGNORE INDEX (ix_images_deleted, os_hidden_image_idx)" : "images";
    }

    /**
     * The images of a page driven by a rare tag or property ({@code where} holds its id list), to be ordered
     * and cut to the page after it. PostgreSQL reads them in a subquery it must plan for all its rows
     * ({@code OFFSET 0} keeps it apart), so it drives from the value index: planned together with the
     * {@code LIMIT}, it sometimes walked {@code created_at_image_idx} in parallel probing each image instead
     * (1M images, {@code tag=tag-42}, 973 matches: 450,000 rows probed, 830 ms; driven 13-15 ms).
     */
    String drivenImages(String where) {
        return dialect == Dialect.POSTGRESQL
                ? "(SELECT * FROM images WHERE " + where + " OFFSET 0) AS images"
                : imagesTable() + " WHERE " + where;
    }

    /**
     * Whether a row of {@code tableWhere} ("table WHERE ...", correlated with {@code images}) exists.
     * MariaDB and PostgreSQL may first read the child table whole (MariaDB: semi-join or materialized IN;
     * PostgreSQL: a hashed subplan for the membership test inside an OR): the better plan when every image
     * is read and sorted anyway, but when the page walks an index ({@code indexOrdered}) a scalar count,
     * probed per image through the (image_id, ...) index, stops with the page (2-10x faster, and
     * independent of the child table's size). SQLite always probes per image.
     */
    String exists(boolean indexOrdered, String tableWhere) {
        return dialect != Dialect.SQLITE && indexOrdered
                ? "(SELECT COUNT(*) FROM " + tableWhere + ") > 0"
                : "EXISTS (SELECT 1 FROM " + tableWhere + ")";
    }

    /** These spellings for {@link ImageVisibility}'s SQL, in a query that walks an index or not. */
    ImageVisibility.SqlSpelling spelling(boolean indexOrdered) {
        return new ImageVisibility.SqlSpelling() {
            @Override
            public String unindexed(String column) {
                return PlannerHints.this.unindexed(column);
            }

            @Override
            public String exists(String tableWhere) {
                return PlannerHints.this.exists(indexOrdered, tableWhere);
            }
        };
    }
}
