package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** SQL text with its positional parameters, each bound with {@code setObject}. */
public record SqlStatement(String sql, List<Object> parameters) {
    public SqlStatement {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }

    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
