package org.glancej.db.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glancej.db.Dialect;

/**
 * Everything about a schema that upstream's code or tools could notice, as sorted text lines, read from each
 * server's own catalog: tables, columns (position, type, nullability, default), keys, indexes, foreign keys,
 * checks, and per dialect the extras (MySQL engine/charset and canonical DDL, PostgreSQL enum types and
 * sequences). Two databases with equal descriptions have the same schema.
 */
public final class SchemaDescription {
    private SchemaDescription() {}

    public static List<String> describe(Connection connection, Dialect dialect) throws SQLException {
        List<String> lines = switch (dialect) {
            case SQLITE -> sqlite(connection);
            case MYSQL -> mysql(connection);
            case POSTGRESQL -> postgresql(connection);
        };
        lines.sort(null);
        return lines;
    }

    private static List<String> sqlite(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (List<String> table : rows(c, "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite_%'")) {
            String t = table.get(0);
            lines.add("table " + t);
            rows(c, "PRAGMA table_info(" + t + ")").forEach(r -> lines.add("column " + t + "." + r.get(1)
                    + " #" + r.get(0) + " " + r.get(2) + " notnull=" + r.get(3) + " default=" + r.get(4) + " pk=" + r.get(5)));
            for (List<String> index : rows(c, "PRAGMA index_list(" + t + ")")) {
                // autoindexes are named by position; describe them by what they index
                String name = index.get(3).equals("c") ? index.get(1) : "<" + index.get(3) + ">";
                List<String> columns = rows(c, "PRAGMA index_info(" + index.get(1) + ")").stream().map(r -> r.get(2)).toList();
                lines.add("index " + t + "." + name + " unique=" + index.get(2) + " partial=" + index.get(4) + " " + columns);
            }
            rows(c, "PRAGMA foreign_key_list(" + t + ")").forEach(r -> lines.add("fk " + t + " #" + r.get(0) + "." + r.get(1)
                    + " " + r.get(3) + " -> " + r.get(2) + "." + r.get(4) + " update=" + r.get(5) + " delete=" + r.get(6)));
            Matcher named = Pattern.compile("CONSTRAINT (\\w+) (UNIQUE|PRIMARY KEY) \\(([^)]*)\\)").matcher(table.get(1));
            while (named.find()) {
                lines.add("constraint " + t + "." + named.group(1) + " " + named.group(2) + " (" + named.group(3) + ")");
            }
            checks(table.get(1)).forEach(check -> lines.add("check " + t + " " + check));
        }
        rows(c, "SELECT name, tbl_name FROM sqlite_master WHERE type NOT IN ('table', 'index')")
                .forEach(r -> lines.add("other " + r));
        return lines;
    }

    private static List<String> mysql(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        String here = " WHERE TABLE_SCHEMA = DATABASE()";
        for (List<String> r : rows(c, "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_TYPE FROM information_schema.TABLES" + here)) {
            lines.add("table " + r);
            List<String> ddl = rows(c, "SHOW CREATE TABLE `" + r.get(0) + "`").getFirst();
            lines.add("ddl " + ddl.get(1).replaceAll(" AUTO_INCREMENT=\\d+", ""));
        }
        rows(c, "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
                + " CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS" + here)
                .forEach(r -> lines.add("column " + r.get(0) + "." + r.get(1) + " " + r.subList(2, r.size())));
        rows(c, "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX)"
                + " FROM information_schema.STATISTICS" + here + " GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE")
                .forEach(r -> lines.add("index " + r));
        rows(c, "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,"
                + " r.UPDATE_RULE, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
                + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA"
                + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA = DATABASE()").forEach(r -> lines.add("fk " + r));
        rows(c, "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = DATABASE()").forEach(r -> lines.add("check " + r));
        rows(c, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"
                + " UNION ALL SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")
                .forEach(r -> lines.add("other " + r));
        return lines;
    }

    private static List<String> postgresql(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        String here = " WHERE table_schema = current_schema()";
        rows(c, "SELECT table_name, table_type FROM information_schema.tables" + here).forEach(r -> lines.add("table " + r));
        rows(c, "SELECT table_name, column_name, ordinal_position, data_type, udt_name, character_maximum_length,"
                + " is_nullable, column_default FROM information_schema.columns" + here)
                .forEach(r -> lines.add("column " + r.get(0) + "." + r.get(1) + " " + r.subList(2, r.size())));
        rows(c, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
                .forEach(r -> lines.add("index " + r));
        rows(c, "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid) FROM pg_constraint co"
                + " JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace"
                + " WHERE n.nspname = current_schema()").forEach(r -> lines.add("constraint " + r));
        rows(c, "SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t"
                + " JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE n.nspname = current_schema() GROUP BY t.typname").forEach(r -> lines.add("enum " + r));
        rows(c, "SELECT sequence_name, data_type, start_value, increment, maximum_value FROM information_schema.sequences"
                + " WHERE sequence_schema = current_schema()").forEach(r -> lines.add("sequence " + r));
        rows(c, "SELECT routine_name FROM information_schema.routines WHERE routine_schema = current_schema()"
                + " UNION ALL SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = current_schema()")
                .forEach(r -> lines.add("other " + r));
        return lines;
    }

    /** The bodies of the CHECK clauses in a CREATE TABLE statement, whitespace normalised. */
    static List<String> checks(String createTable) {
        List<String> checks = new ArrayList<>();
        Matcher m = Pattern.compile("\\bCHECK\\s*\\(").matcher(createTable);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            for (; i < createTable.length() && depth > 0; i++) {
                depth += createTable.charAt(i) == '(' ? 1 : createTable.charAt(i) == ')' ? -1 : 0;
            }
            checks.add(createTable.substring(m.end(), i - 1).replaceAll("\\s+", " ").strip());
        }
        return checks;
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
