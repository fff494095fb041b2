package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.glancej.db.Dialect;
import org.postgresql.PGStatement;

/**
 * SQL text with its positional parameters: {@code Instant}s are timestamps, bound the way the dialect stores
 * them ({@link Dialect#setTimestamp}); anything else is bound with {@code setObject}.
 */
public record SqlStatement(String sql, List<Object> parameters) {
    public SqlStatement {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }

    /**
     * The statement with its parameters bound. On PostgreSQL it is planned with its values on every run, as
     * upstream's driver (psycopg2) plans every statement: once the JDBC driver prepared it on the server (from
     * its fifth run on a connection) PostgreSQL soon settled on a generic plan, one for any value, and a rare
     * value then got the common value's plan ({@code size_min=999900} at 1M images: 8 ms, from the tenth
     * request on 80 ms).
     */
    public PreparedStatement prepare(Connection connection, Dialect dialect) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            if (dialect == Dialect.POSTGRESQL) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i) instanceof Instant timestamp) {
                    dialect.setTimestamp(statement, i + 1, timestamp);
                } else {
                    statement.setObject(i + 1, parameters.get(i));
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
