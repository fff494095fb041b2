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

    private final Dialect dialect;

    ImageIdLookup(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Runs {@code select} (which ends in {@code WHERE deleted = ? AND }) with the condition on {@code column}
     * appended, and hands its rows to {@code rows}.
     */
    void query(Connection c, String select, String column, List<String> ids, Rows rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + condition(column, ids.size()))) {
            ps.setBoolean(1, false);
            if (dialect == Dialect.POSTGRESQL) {
                ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
            } else {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 2, ids.get(i));
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
            return column + " = ANY (?)";
        }
        return column + " IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }
}
