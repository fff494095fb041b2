package org.glancej.images.list;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.db.Dialect;

/**
 * Times list queries straight on a database (the SQL the service runs, without HTTP) and prints their plans:
 * {@code ListLatencyProbe <connection> time|explain|ids <query-file> [admin|user:<project>]}, one query string a
 * line; {@code DEEP} in a line is replaced by the id of the image named {@code img-0070000}.
 */
public final class ListLatencyProbe {
    public static void main(String[] args) throws Exception {
        Database database = Database.open(DatabaseConfig.forConnection(args[0]));
        String mode = args[1];
        if (mode.equals("sync")) {
            System.out.println("created schema: " + new org.glancej.db.SchemaMigrator(database).migrate());
            database.close();
            return;
        }
        List<String> queries = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        ListScope scope = args.length > 3 && args[3].startsWith("user:") ? ListScope.user(args[3].substring(5)) : ListScope.admin(null);
        Dialect dialect = database.dialect();
        ImagePageReader reader = new ImagePageReader(dialect, Integer.getInteger("few", ImagePageReader.FEW_MATCHES));
        try (Connection connection = database.dataSource().getConnection()) {
            ImageListSql sql = new ImageListSql(dialect, ListColumns.of(connection, dialect));
            String deep = one(connection, "SELECT id FROM images WHERE name = 'img-0070000'");
            for (String line : queries) {
                String query = line.replace("DEEP", deep);
                ImageListQuery q = QueryStrings.parse(query);
                switch (mode) {
                    case "time" -> {
                        int runs = Integer.getInteger("runs", 15);
                        long[] times = new long[runs];
                        int count = 0;
                        for (int i = 0; i < runs; i++) {
                            long start = System.nanoTime();
                            count = reader.pageIds(connection, q, scope).size();
                            times[i] = System.nanoTime() - start;
                        }
                        Arrays.sort(times);
                        System.out.printf("%9.2f ms  %4d  %s%n", times[runs / 2] / 1e6, count, line);
                    }
                    case "ids" -> System.out.println(line + " " + reader.pageIds(connection, q, scope));
                    default -> {
                        Optional<Marker> marker = Optional.empty();
                        if (q.marker().isPresent()) {
                            try (PreparedStatement s = sql.markerQuery(q, scope).prepare(connection, dialect);
                                    ResultSet rs = s.executeQuery()) {
                                rs.next();
                                marker = Optional.of(sql.readMarker(rs, q));
                            }
                        }
                        Optional<ListFilter> driver = reader.driver(connection, q);
                        java.util.Set<ListFilter> walkedPast = driver.isEmpty() ? reader.walkedPast(connection, q) : java.util.Set.of();
                        // the statements the reader runs: the marker's value of a value-by-value order, else the parts
                        boolean byGroup = driver.isEmpty() && GroupPageSql.groupWalks(q.order()) && marker.isPresent();
                        List<SqlStatement> parts = byGroup
                                ? sql.groups().groupPageQueries(q, scope,
                                        new GroupPageSql.Group(marker.get().sortValues().getFirst()), marker, q.limit())
                                : sql.pageQueries(q, scope, marker, driver, walkedPast);
                        String prefix = switch (dialect) {
                            case SQLITE -> "EXPLAIN QUERY PLAN ";
                            case MYSQL -> "EXPLAIN ";
                            case POSTGRESQL -> "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ";
                        };
                        System.out.println("== " + line);
                        for (SqlStatement page : parts) {
                            System.out.println(page.sql() + "\n" + page.parameters());
                            try (PreparedStatement s = new SqlStatement(prefix + page.sql(), page.parameters()).prepare(connection, dialect);
                                    ResultSet rs = s.executeQuery()) {
                                int columns = rs.getMetaData().getColumnCount();
                                while (rs.next()) {
                                    List<String> row = new ArrayList<>();
                                    for (int c = 1; c <= columns; c++) {
                                        row.add(String.valueOf(rs.getString(c)));
                                    }
                                    System.out.println("  " + String.join(" | ", row));
                                }
                            }
                        }
                    }
                }
            }
        }
        database.close();
    }

    private static String one(Connection connection, String query) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(query); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }
}
