package org.glancej.images;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.SideWork;

/**
 * Reads live images by id, with their properties, tags and locations: one statement per table for the whole
 * list (a page of 1,000 images is four statements, each 1,000 to 3,000 index probes). For a large page, the
 * properties and locations are read on a second connection while the images and tags are read on the first
 * ({@link SideWork}): the database then works on both halves at once. Measured at 100,000 images, a 1,000-image
 * page: each statement costs the database 4-12 ms of CPU (properties, 3,000 rows, the most), the two halves
 * about the same, and the four reads took 27 ms one after the other, 19 ms in two halves, on PostgreSQL.
 */
final class ImageLoader {
    /** Below this many images the four statements are quick and one connection reads them all. */
    static final int SIDE_READS_FROM = 100;
    private static final String IMAGE_COLUMNS = "id, name, status, visibility, protected, os_hidden, checksum,"
            + " os_hash_algo, os_hash_value, owner, size, virtual_size, disk_format, container_format, min_disk,"
            + " min_ram, created_at, updated_at";

    private final Dialect dialect;
    private final ImageIdLookup lookup;
    private final ImageChildRows children;

    ImageLoader(Dialect dialect) {
        this.dialect = dialect;
        this.lookup = new ImageIdLookup(dialect);
        this.children = new ImageChildRows(lookup);
    }

    /** The live images stored under exactly these ids, keyed by their canonical id; all read on {@code c}. */
    Map<String, Image> byCanonicalId(Connection c, List<String> ids) throws SQLException {
        return byCanonicalId(c, ids, Optional.empty());
    }

    /**
     * As {@link #byCanonicalId(Connection, List)}, reading properties and locations on another connection of
     * {@code pool} when the list is large and the pool has one idle; {@code c} must be in autocommit (the side
     * reads cannot see its uncommitted changes).
     */
    Map<String, Image> byCanonicalId(Connection c, List<String> ids, Optional<DataSource> pool) throws SQLException {
        Optional<SideWork<SideRows>> side = pool.filter(p -> ids.size() >= SIDE_READS_FROM)
                .flatMap(p -> SideWork.startIfFree(p, sc -> sideRows(sc, ids)));
        List<Image> bases = bases(c, ids);
        Map<String, List<String>> tags = children.tags(c, ids);
        SideRows rest = side.isPresent() ? side.get().join() : sideRows(c, ids);
        Map<String, Image> byId = HashMap.newHashMap(ids.size());
        for (Image base : bases) {
            String id = base.id();
            byId.put(ImageIds.canonical(id), new Image(id, base.name(), base.status(), base.visibility(),
                    base.isProtected(), base.osHidden(), base.checksum(), base.osHashAlgo(), base.osHashValue(),
                    base.owner(), base.size(), base.virtualSize(), base.diskFormat(), base.containerFormat(),
                    base.minDisk(), base.minRam(), base.createdAt(), base.updatedAt(),
                    rest.properties().getOrDefault(id, Map.of()), tags.getOrDefault(id, List.of()),
                    rest.locations().getOrDefault(id, List.of())));
        }
        return byId;
    }

    /** The properties and locations: the half that may be read on a second connection. */
    private SideRows sideRows(Connection c, List<String> ids) throws SQLException {
        return new SideRows(children.properties(c, ids), children.locations(c, ids));
    }

    private record SideRows(Map<String, Map<String, String>> properties, Map<String, List<ImageLocation>> locations) {}

    /** The images' rows, without their child rows. */
    private List<Image> bases(Connection c, List<String> ids) throws SQLException {
        List<Image> bases = new ArrayList<>(ids.size());
        lookup.query(c, "SELECT " + IMAGE_COLUMNS + " FROM images WHERE deleted = ? AND ", "id", ids, rs -> {
            while (rs.next()) {
                bases.add(base(rs));
            }
        });
        return bases;
    }

    private Image base(ResultSet rs) throws SQLException {
        return new Image(rs.getString(1), rs.getString(2), ImageStatus.fromWire(rs.getString(3)),
                Visibility.parse(rs.getString(4)).orElse(Visibility.SHARED), rs.getBoolean(5), rs.getBoolean(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), nullableLong(rs, 11),
                nullableLong(rs, 12), rs.getString(13), rs.getString(14), rs.getInt(15), rs.getInt(16),
                dialect.getTimestamp(rs, "created_at"), dialect.getTimestamp(rs, "updated_at"),
                Map.of(), List.of(), List.of());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
