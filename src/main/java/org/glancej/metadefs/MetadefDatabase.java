package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.glancej.common.GlanceException;
import org.glancej.db.DatabaseException;
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

    /**
     * {@link #inTransaction}, for work whose checks for an existing name a concurrent writer can overtake: the
     * database's unique key then refuses the row, and the caller gets {@code duplicate}'s 409 instead of a 500.
     */
    public <T> T inTransaction(Work<T> work, Supplier<GlanceException> duplicate) {
        try {
            return inTransaction(work);
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isDuplicateKey(sql)) {
                throw duplicate.get();
            }
            throw e;
        }
    }

    /** Runs read-only {@code work} in autocommit mode. */
    public <T> T read(Work<T> work) {
        return Jdbc.withConnection(dataSource, c -> work.run(MetadefTables.on(c, dialect)));
    }
}
