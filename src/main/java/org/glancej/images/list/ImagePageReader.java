package org.glancej.images.list;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glancej.common.GlanceException;
import org.glancej.db.Dialect;

/** Runs the list SQL on a connection: resolves the marker, then reads one page of image ids in order. */
public final class ImagePageReader {
    /** Length of {@code images.id}; upstream rejects longer markers before querying. */
    private static final int ID_LENGTH = 36;
    /** Below this many matching rows a tag or property filter drives the page; measured in docs/database.md. */
    static final int FEW_MATCHES = 5_000;
    /**
     * A driven page spells its other tag and property filters as {@code EXISTS}, which PostgreSQL turns into
     * joins it must order: with hundreds of filters planning alone took seconds. Beyond this many, walk.
     */
    static final int MOST_FILTERS_TO_DRIVE = 8;
    /** A group-by-group page ({@link GroupPageSql#groupWalks}) reads at most this many values of its first key. */
    static final int MOST_GROUPS = 16;

    /** How long a database without one of {@link ListColumns} is believed to stay so (db_sync may add it). */
    private static final long COLUMN_RECHECK_NANOS = 60_000_000_000L;

    private final Dialect dialect;
    private final int fewMatches;
    /** The SQL for the columns the database was last seen to have (MariaDB/MySQL), and when to look again. */
    private volatile ImageListSql sql;
    private volatile long recheckAt = System.nanoTime();

    public ImagePageReader(Dialect dialect) {
        this(dialect, FEW_MATCHES);
    }

    /** @param fewMatches below this many matches a tag or property filter drives the page (0: never) */
    ImagePageReader(Dialect dialect, int fewMatches) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.sql = new ImageListSql(dialect);
        this.fewMatches = fewMatches;
    }

    /**
     * The ids of the requested page, in order.
     *
     * @throws GlanceException 400 when the marker does not exist (or is deleted, for non-admins), 403 when
     *     it exists but the caller may not see it (upstream's answers and messages)
     */
    public List<String> pageIds(Connection connection, ImageListQuery query, ListScope scope) throws SQLException {
        Optional<Marker> marker = query.marker().isPresent()
                ? Optional.of(marker(connection, query, scope))
                : Optional.empty();
        if (query.limit() == 0) {
            return List.of();
        }
        Optional<ListFilter> driver = driver(connection, query);
        if (driver.isEmpty() && GroupPageSql.groupWalks(query.order())) {
            Optional<List<String>> ids = groupByGroup(connection, query, scope, marker);
            if (ids.isPresent()) {
                return ids.get();
            }
        }
        List<String> ids = new ArrayList<>(query.limit());
        Set<ListFilter> walkedPast = driver.isEmpty() ? walkedPast(connection, query) : Set.of();
        for (SqlStatement part : sql(connection, query).pageQueries(query, scope, marker, driver, walkedPast)) {
            readUpToLimit(connection, part, query.limit(), ids);
        }
        return ids;
    }

    /**
     * The tag or property filter matching the fewest rows, when it matches fewer than {@code fewMatches}:
     * then reading those images and sorting them beats walking the sort order (a walk reads about
     * {@code limit * images / matches} images and probes each). Each count reads at most that many index entries.
     */
    Optional<ListFilter> driver(Connection connection, ImageListQuery query) throws SQLException {
        Optional<ListFilter> best = Optional.empty();
        if (query.filters().stream().filter(FilterSql::canDrive).count() > MOST_FILTERS_TO_DRIVE) {
            return best;
        }
        long fewest = fewMatches;
        for (ListFilter filter : query.filters()) {
            if (fewMatches == 0 || !FilterSql.canDrive(filter)) {
                continue;
            }
            long matches = count(connection, sql(connection, query).matchCount(filter, fewMatches));
            if (matches < fewest) {
                fewest = matches;
                best = Optional.of(filter);
            }
        }
        return best;
    }

    /**
     * SQLite: the column filters ({@link ImageListSql#walkedPastCandidates}) that match at least
     * {@code fewMatches} images, to be checked on each image the walk of the sort order passes.
     */
    Set<ListFilter> walkedPast(Connection connection, ImageListQuery query) throws SQLException {
        Set<ListFilter> common = new HashSet<>();
        for (ListFilter filter : sql(connection, query).walkedPastCandidates(query)) {
            if (fewMatches > 0 && count(connection, sql(connection, query).matchCount(filter, fewMatches)) >= fewMatches) {
                common.add(filter);
            }
        }
        return common;
    }

    private long count(Connection connection, SqlStatement count) throws SQLException {
        try (PreparedStatement statement = count.prepare(connection, dialect); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The page of a {@link GroupPageSql#groupWalks} order, read one value of the first key at a time (each an
     * index walk that stops after the page), starting with the marker's value after the marker. Empty when
     * the page spans more than {@link #MOST_GROUPS} values: then the plain query is the better one.
     */
    private Optional<List<String>> groupByGroup(Connection connection, ImageListQuery query, ListScope scope,
            Optional<Marker> marker) throws SQLException {
        List<String> ids = new ArrayList<>(query.limit());
        Optional<GroupPageSql.Group> group = marker.isPresent()
                ? Optional.of(new GroupPageSql.Group(marker.get().sortValues().getFirst()))
                : nextGroup(connection, query, scope, Optional.empty());
        for (int groups = 0; group.isPresent(); groups++) {
            if (groups == MOST_GROUPS) {
                return Optional.empty();
            }
            Optional<Marker> after = groups == 0 ? marker : Optional.empty();
            int rest = query.limit() - ids.size();
            for (SqlStatement part : sql(connection, query).groups().groupPageQueries(query, scope, group.get(), after,
                    rest)) {
                readUpToLimit(connection, part, query.limit(), ids);
            }
            if (ids.size() == query.limit()) {
                break;
            }
            group = nextGroup(connection, query, scope, group);
        }
        return Optional.of(ids);
    }

    /** Adds the ids {@code part} selects to {@code ids} up to {@code limit}; runs nothing when already full. */
    private void readUpToLimit(Connection connection, SqlStatement part, int limit, List<String> ids)
            throws SQLException {
        if (ids.size() >= limit) {
            return;
        }
        try (PreparedStatement statement = part.prepare(connection, dialect); ResultSet rs = statement.executeQuery()) {
            while (rs.next() && ids.size() < limit) {
                ids.add(rs.getString(1));
            }
        }
    }

    private Optional<GroupPageSql.Group> nextGroup(Connection connection, ImageListQuery query, ListScope scope,
            Optional<GroupPageSql.Group> after) throws SQLException {
        Optional<SqlStatement> next = sql(connection, query).groups().nextGroupQuery(query, scope, after);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement statement = next.get().prepare(connection, dialect);
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(new GroupPageSql.Group(rs.getString(1))) : Optional.empty();
        }
    }

    private Marker marker(Connection connection, ImageListQuery query, ListScope scope) throws SQLException {
        String id = query.marker().orElseThrow();
        if (id.length() > ID_LENGTH) {
            // upstream raises ImageNotFound without arguments, so its template comes out unformatted
            throw GlanceException.badRequest("Image with the given id %(image_id)s was not found");
        }
        ImageListSql sql = sql(connection, query);
        try (PreparedStatement statement = sql.markerQuery(query, scope).prepare(connection, dialect);
                ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw GlanceException.badRequest("No image found with ID " + id);
            }
            Marker marker = sql.readMarker(rs, query);
            if (!marker.visible()) {
                throw GlanceException.forbidden("Forbidding request, image " + id + " not visible");
            }
            return marker;
        }
    }

    /**
     * The SQL for this database: on MariaDB/MySQL it names the invisible columns of {@link ListColumns} once
     * {@code db_sync} has added them (a database upstream made lacks them; a query naming one would fail there),
     * looked for when a query could use one.
     */
    private ImageListSql sql(Connection connection, ImageListQuery query) throws SQLException {
        ImageListSql current = sql;
        if (dialect == Dialect.MYSQL && !current.columns().all() && ListColumns.couldServe(query)
                && System.nanoTime() - recheckAt >= 0) {
            ListColumns found = ListColumns.of(connection, dialect);
            if (!found.equals(current.columns())) {
                current = new ImageListSql(dialect, found);
                sql = current;
            }
            recheckAt = System.nanoTime() + COLUMN_RECHECK_NANOS;
        }
        return current;
    }
}
