package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.Jdbc;

/**
 * Units of work on the metadef tables. Failures surface as {@link Jdbc} reports them
 * ({@code DatabaseUnavailableException} when the database cannot be used, {@code DatabaseException} otherwise).
 *
 * <pre>{@code
 * MetadefDatabase metadefs = new MetadefDatabase(database.dataSource(), database.dialect());
 * Namespace ns = metadefs.inTransaction(t -> t.namespaces().insert(draft, now));
 * List<MetadefTag> tags = metadefs.read(t -> t.tags().list(ns.id()));
 * }</pre>
 */
public final class MetadefDatabase {
    /** Work on the tables of one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(MetadefTables tables) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;

    public MetadefDatabase(DataSource dataSource, Dialect dialect) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        return Jdbc.inTransaction(dataSource, c -> work.run(MetadefTables.on(c, dialect)));
    }

    /** Runs read-only {@code work} in autocommit mode. */
    public <T> T read(Work<T> work) {
        return Jdbc.withConnection(dataSource, c -> work.run(MetadefTables.on(c, dialect)));
    }
}
