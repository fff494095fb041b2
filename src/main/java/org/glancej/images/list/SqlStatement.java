package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.glancej.db.Dialect;

/**
 * SQL text with its positional parameters: {@code Instant}s are timestamps, bound the way the dialect stores
 * them ({@link Dialect#setTimestamp}); anything else is bound with {@code setObject}.
 */
public record SqlStatement(String sql, List<Object> parameters) {
    public SqlStatement {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }

    public PreparedStatement prepare(Connection connection, Dialect dialect) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
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
