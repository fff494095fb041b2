package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

/** One key of the list's total order. */
public record SortOrder(ImageColumn column, boolean descending) {
    public SortOrder {
        requireNonNull(column, "column is null");
    }

    public static SortOrder asc(ImageColumn column) {
        return new SortOrder(column, false);
    }

    public static SortOrder desc(ImageColumn column) {
        return new SortOrder(column, true);
    }

    @Override
    public String toString() {
        return column.sqlName() + (descending ? ":desc" : ":asc");
    }
}
