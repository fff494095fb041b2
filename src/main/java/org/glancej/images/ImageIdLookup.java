package org.glancej.images;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.glancej.db.Dialect;

/** A statement over the live rows whose id column is one of a list of image ids, as each database takes it best. */
final class ImageIdLookup {
    /** Reads the rows of a lookup. */
    @FunctionalInterface
    interface Rows {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * A list of ids as the statements bind it, worked out once for the four statements of a page: on PostgreSQL
     * the text of one array, which the driver would otherwise build and escape anew for each statement.
     */
    record Ids(List<String> list, String arrayText) {
        int size() {
            return list.size();
        }
    }

    private final Dialect dialect;

    ImageIdLookup(Dialect dialect) {
        this.dialect = dialect;
    }

    Ids ids(List<String> ids) {
        return new Ids(ids, dialect == Dialect.POSTGRESQL ? arrayText(ids) : null);
    }

    /**
     * Runs {@code select} (which ends in {@code WHERE deleted = ? AND }) with the condition on {@code column}
     * appended, and hands its rows to {@code rows}.
     */
    void query(Connection c, String select, String column, Ids ids, Rows rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + condition(column, ids.size()))) {
            ps.setBoolean(1, false);
            if (dialect == Dialect.POSTGRESQL) {
                ps.setString(2, ids.arrayText());
            } else {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 2, ids.list().get(i));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rows.read(rs);
            }
        }
    }

    /** PostgreSQL takes the list as one array parameter (one plan whatever its length); the others a list. */
    private String condition(String column, int count) {
        if (dialect == Dialect.POSTGRESQL) {
            return column + " = ANY (CAST(? AS varchar[]))";
        }
        return column + " IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** A PostgreSQL array literal of the ids: each quoted, with its quotes and backslashes escaped. */
    static String arrayText(List<String> ids) {
        StringBuilder text = new StringBuilder(ids.size() * 39 + 2).append('{');
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append('"');
            String id = ids.get(i);
            for (int j = 0; j < id.length(); j++) {
                char ch = id.charAt(j);
                if (ch == '"' || ch == '\\') {
                    text.append('\\');
                }
                text.append(ch);
            }
            text.append('"');
        }
        return text.append('}').toString();
    }
}
