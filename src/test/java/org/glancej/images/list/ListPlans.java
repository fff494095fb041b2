package org.glancej.images.list;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.glancej.db.Dialect;

/** A page statement's plan as each database explains it, one line per step, for tests to look into. */
final class ListPlans {
    private ListPlans() {}

    static String explain(Connection c, Dialect dialect, SqlStatement page) throws SQLException {
        String explain = switch (dialect) {
            case SQLITE -> "EXPLAIN QUERY PLAN ";
            case MYSQL -> "EXPLAIN ";
            case POSTGRESQL -> "EXPLAIN (COSTS OFF) ";
        };
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = new SqlStatement(explain + page.sql(), page.parameters()).prepare(c, dialect);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                // MariaDB: the index chosen ("key"), not the candidates
                plan.append(dialect == Dialect.MYSQL
                        ? rs.getString("table") + " " + rs.getString("key") + " " + rs.getString("Extra")
                        : rs.getString(dialect == Dialect.SQLITE ? "detail" : "QUERY PLAN")).append('\n');
            }
        }
        return plan.toString();
    }
}
