package org.glancej.images;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.glancej.db.Dialect;

/**
 * The {@code images} columns a create or an update writes from an {@link Image}, named and bound in one list: a new
 * column is one line here, and the insert and the update cannot bind different ones.
 */
final class ImageColumns {
    private static final List<Column> WRITTEN = List.of(
            new Column("name", (ps, i, image, dialect) -> ps.setString(i, image.name())),
            new Column("size", (ps, i, image, dialect) -> ps.setObject(i, image.size())),
            new Column("status", (ps, i, image, dialect) -> ps.setString(i, image.status().wire())),
            new Column("updated_at", (ps, i, image, dialect) -> dialect.setTimestamp(ps, i, image.updatedAt())),
            new Column("disk_format", (ps, i, image, dialect) -> ps.setString(i, image.diskFormat())),
            new Column("container_format", (ps, i, image, dialect) -> ps.setString(i, image.containerFormat())),
            new Column("checksum", (ps, i, image, dialect) -> ps.setString(i, image.checksum())),
            new Column("owner", (ps, i, image, dialect) -> ps.setString(i, image.owner())),
            new Column("min_disk", (ps, i, image, dialect) -> ps.setInt(i, image.minDisk())),
            new Column("min_ram", (ps, i, image, dialect) -> ps.setInt(i, image.minRam())),
            new Column("protected", (ps, i, image, dialect) -> ps.setBoolean(i, image.isProtected())),
            new Column("virtual_size", (ps, i, image, dialect) -> ps.setObject(i, image.virtualSize())),
            new Column("visibility", (ps, i, image, dialect) -> ps.setString(i, image.visibility().wire())),
            new Column("os_hidden", (ps, i, image, dialect) -> ps.setBoolean(i, image.osHidden())),
            new Column("os_hash_algo", (ps, i, image, dialect) -> ps.setString(i, image.osHashAlgo())),
            new Column("os_hash_value", (ps, i, image, dialect) -> ps.setString(i, image.osHashValue())));

    /** {@code name, size, ...}: for an insert's column list. */
    static final String NAMES = WRITTEN.stream().map(Column::name).collect(Collectors.joining(", "));
    /** {@code ?, ?, ...}: the insert's values for {@link #NAMES}. */
    static final String PLACEHOLDERS = WRITTEN.stream().map(c -> "?").collect(Collectors.joining(", "));
    /** {@code name = ?, size = ?, ...}: for an update's SET. */
    static final String ASSIGNMENTS = WRITTEN.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", "));

    private ImageColumns() {}

    /** Binds the written columns from parameter {@code first} on; returns the next parameter's index. */
    static int bind(PreparedStatement ps, int first, Image image, Dialect dialect) throws SQLException {
        int index = first;
        for (Column column : WRITTEN) {
            column.binder().bind(ps, index++, image, dialect);
        }
        return index;
    }

    private record Column(String name, Binder binder) {}

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int index, Image image, Dialect dialect) throws SQLException;
    }
}
