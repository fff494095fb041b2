package org.glancej.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration script from the classpath, split into statements. Our scripts keep to a simple form:
 * {@code --} comments on their own lines and every statement ending with {@code ;} at the end of a line.
 */
final class SqlScript {
    private SqlScript() {}

    static List<String> load(Dialect dialect, String revision) {
        String path = "/db/" + dialect.resourceName() + "/" + revision + ".sql";
        try (InputStream in = SqlScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new DatabaseException("migration script " + path + " is missing from the classpath");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DatabaseException("cannot read migration script " + path + ": " + e.getMessage(), e);
        }
    }

    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (stripped.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new DatabaseException("migration script ends without ';' after: " + current.toString().strip());
        }
        return List.copyOf(statements);
    }
}
