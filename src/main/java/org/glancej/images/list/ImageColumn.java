package org.glancej.images.list;

import java.util.Locale;
import java.util.Optional;

/** Columns of upstream's {@code images} table that the list filters or sorts on. */
public enum ImageColumn {
    ID(Kind.TEXT, false, true),
    NAME(Kind.TEXT, true, true),
    STATUS(Kind.TEXT, false, true),
    CONTAINER_FORMAT(Kind.TEXT, true, true),
    DISK_FORMAT(Kind.TEXT, true, true),
    SIZE(Kind.INTEGER, true, true),
    CREATED_AT(Kind.TIMESTAMP, false, true),
    UPDATED_AT(Kind.TIMESTAMP, true, true),
    VIRTUAL_SIZE(Kind.INTEGER, true, false),
    MIN_DISK(Kind.INTEGER, false, false),
    MIN_RAM(Kind.INTEGER, false, false),
    OWNER(Kind.TEXT, true, false),
    CHECKSUM(Kind.TEXT, true, false),
    OS_HASH_ALGO(Kind.TEXT, true, false),
    OS_HASH_VALUE(Kind.TEXT, true, false),
    PROTECTED(Kind.BOOLEAN, false, false),
    OS_HIDDEN(Kind.BOOLEAN, false, false);

    public enum Kind { TEXT, INTEGER, TIMESTAMP, BOOLEAN }

    private final Kind kind;
    private final boolean nullable;
    private final boolean sortable;

    ImageColumn(Kind kind, boolean nullable, boolean sortable) {
        this.kind = kind;
        this.nullable = nullable;
        this.sortable = sortable;
    }

    /** Column name, which is also the query parameter name. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The column in SQL, qualified by its table. */
    String qualified() {
        return "images." + sqlName();
    }

    public Kind kind() {
        return kind;
    }

    public boolean nullable() {
        return nullable;
    }

    /** One of upstream's {@code _available_sort_keys}. */
    public boolean sortable() {
        return sortable;
    }

    public static Optional<ImageColumn> fromName(String name) {
        for (ImageColumn column : values()) {
            if (column.sqlName().equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
