package org.glancej.images;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.glancej.db.Dialect;
import org.glancej.db.SideWork;

/**
 * Reads live images by id, with their properties, tags and locations: one statement per table for the whole
 * list (a page of 1,000 images is four statements, each 1,000 to 3,000 index probes). For a large page the
 * properties are read on another pooled connection, taken only when one is idle at once ({@link SideWork}), while
 * the images, tags and locations are read on the caller's. Measured at 100,000 images, a 1,000-image page: each
 * statement costs the database 4-12 ms of CPU (properties, 3,000 rows, the most); the four reads took 27 ms one
 * after the other on PostgreSQL, 19 ms in two halves. Tags and locations on a third connection were no faster on
 * two cores (the database and the service already keep both busy), so a page takes one other connection at most.
 * A list page that shows nothing read from the locations (the default configuration) skips their statement.
 * MariaDB/MySQL read the tags in the images' statement ({@link #IMAGES_WITH_TAGS}). Splitting a page in two
 * halves, each read whole on one connection, was slower: six statements cost MariaDB 2-5 ms more CPU than three.
 */
final class ImageLoader {
    /** Below this many images the four statements are quick and one connection reads them all. */
    static final int SIDE_READS_FROM = 100;
    private static final String IMAGE_COLUMNS = "id, name, status, visibility, protected, os_hidden, checksum,"
            + " os_hash_algo, os_hash_value, owner, size, virtual_size, disk_format, container_format, min_disk,"
            + " min_ram, created_at, updated_at";

    /**
     * MariaDB/MySQL: the images with their tags, one statement instead of two, a row per tag (or one without):
     * matching a list of 1,000 ids costs MariaDB 1-2 ms of CPU. Measured at 100,000 images, a 1,000-image page:
     * the two statements 9.1 ms of CPU, joined 7.2-8.0; the page 20.1-22.0 -> 18.4-19.5 ms p50, the database's CPU
     * per page 21.9 -> 19.3 ms. On PostgreSQL and SQLite the join was no faster, so they read tags apart.
     */
    private static final String IMAGES_WITH_TAGS = "SELECT " + String.join(", ", Arrays.stream(
            IMAGE_COLUMNS.split(", ")).map(column -> "i." + column).toList()) + ", t.id, t.value FROM images i"
            + " LEFT JOIN image_tags t ON t.image_id = i.id AND t.deleted = FALSE WHERE i.deleted = ? AND ";
    /** The column of {@link #IMAGES_WITH_TAGS} holding the tag row's id, after the image's columns. */
    private static final int TAG_ROW_ID = IMAGE_COLUMNS.split(", ").length + 1;

    private final ImageIdLookup lookup;
    private final boolean tagsWithImages;
    private final ImageChildRows children;
    private final RowTimestamps timestamps;
    private final int mostSideConnections;

    ImageLoader(Dialect dialect) {
        this(dialect, 1);
    }

    /** @param mostSideConnections how many other pooled connections a large page may read on: 0, 1 or 2 */
    ImageLoader(Dialect dialect, int mostSideConnections) {
        this.lookup = new ImageIdLookup(dialect);
        this.tagsWithImages = dialect == Dialect.MYSQL;
        this.children = new ImageChildRows(lookup);
        this.timestamps = new RowTimestamps(dialect);
        this.mostSideConnections = mostSideConnections;
    }

    /** The live images stored under exactly these ids, keyed by their canonical id; all read on {@code c}. */
    Map<String, Image> byCanonicalId(Connection c, List<String> ids) throws SQLException {
        List<Image> images = read(c, ids, null, true);
        Map<String, Image> byId = HashMap.newHashMap(images.size());
        for (Image image : images) {
            byId.put(ImageIds.canonical(image.id()), image);
        }
        return byId;
    }

    /**
     * The live images of a page, in the order of {@code storedIds} (ids just read from the database, spelt as
     * stored): the child rows are read on other idle connections of {@code pool} when the page is large. {@code c}
     * must be in autocommit: the other connections cannot see its uncommitted changes.
     */
    List<Image> page(Connection c, List<String> storedIds, DataSource pool) throws SQLException {
        return page(c, storedIds, pool, true);
    }

    /**
     * As {@link #page}; without {@code withLocations} the images come without their locations (the page shows
     * none): the locations statement is not run.
     */
    List<Image> page(Connection c, List<String> storedIds, DataSource pool, boolean withLocations)
            throws SQLException {
        List<Image> images = read(c, storedIds, pool, withLocations);
        Map<String, Image> byId = HashMap.newHashMap(images.size());
        for (Image image : images) {
            byId.put(image.id(), image);
        }
        List<Image> ordered = new ArrayList<>(images.size());
        for (String id : storedIds) {
            Image image = byId.get(id);
            if (image != null) {
                ordered.add(image);
            }
        }
        return ordered;
    }

    /** The images in no particular order; children read beside on {@code pool} when it is not null. */
    private List<Image> read(Connection c, List<String> idList, DataSource pool, boolean withLocations)
            throws SQLException {
        ImageIdLookup.Ids ids = lookup.ids(idList);
        boolean beside = pool != null && ids.size() >= SIDE_READS_FROM;
        boolean tagsApart = !tagsWithImages;
        Optional<SideWork<Map<String, Map<String, String>>>> properties = beside && mostSideConnections > 0
                ? SideWork.startIfFree(pool, sc -> children.properties(sc, ids))
                : Optional.empty();
        Optional<SideWork<TagsAndLocations>> tagsAndLocations = beside && mostSideConnections > 1
                ? SideWork.startIfFree(pool, sc -> tagsAndLocations(sc, ids, tagsApart, withLocations))
                : Optional.empty();
        Bases bases = bases(c, ids);
        TagsAndLocations rest = tagsAndLocations.isPresent() ? tagsAndLocations.get().join()
                : tagsAndLocations(c, ids, tagsApart, withLocations);
        Children all = new Children(properties.isPresent() ? properties.get().join() : children.properties(c, ids),
                tagsApart ? rest.tags() : bases.tags(), rest.locations());
        List<Image> images = new ArrayList<>(bases.images().size());
        for (Function<Children, Image> base : bases.images()) {
            images.add(base.apply(all));
        }
        return images;
    }

    private TagsAndLocations tagsAndLocations(Connection c, ImageIdLookup.Ids ids, boolean withTags,
            boolean withLocations) throws SQLException {
        return new TagsAndLocations(withTags ? children.tags(c, ids) : Map.of(),
                withLocations ? children.locations(c, ids) : Map.of());
    }

    private record TagsAndLocations(Map<String, List<String>> tags, Map<String, List<ImageLocation>> locations) {}

    /** Every image's child rows, keyed by the image id as stored. */
    private record Children(Map<String, Map<String, String>> properties, Map<String, List<String>> tags,
            Map<String, List<ImageLocation>> locations) {}

    /** The images' rows, each waiting for its child rows; with their tags when read in the same statement. */
    private record Bases(List<Function<Children, Image>> images, Map<String, List<String>> tags) {}

    /**
     * The images' rows, each waiting for its child rows: read while other connections read those, and made into
     * an {@link Image} once, when they are in. On MariaDB/MySQL the tags come in the same statement (a row per
     * tag, or one with none).
     */
    private Bases bases(Connection c, ImageIdLookup.Ids ids) throws SQLException {
        List<Function<Children, Image>> bases = new ArrayList<>(ids.size());
        if (!tagsWithImages) {
            lookup.query(c, "SELECT " + IMAGE_COLUMNS + " FROM images WHERE deleted = ? AND ", "id", ids, rs -> {
                while (rs.next()) {
                    bases.add(base(rs));
                }
            });
            return new Bases(bases, null);
        }
        ImageChildRows.TagRows tags = new ImageChildRows.TagRows(ids.size());
        lookup.query(c, IMAGES_WITH_TAGS, "i.id", ids, rs -> {
            Set<String> seen = HashSet.newHashSet(ids.size());
            while (rs.next()) {
                String id = rs.getString(1);
                if (seen.add(id)) {
                    bases.add(base(rs));
                }
                long tagRow = rs.getLong(TAG_ROW_ID);
                if (!rs.wasNull()) {
                    tags.add(id, tagRow, rs.getString(TAG_ROW_ID + 1));
                }
            }
        });
        return new Bases(bases, tags.tags());
    }

    private Function<Children, Image> base(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String name = rs.getString(2);
        ImageStatus status = ImageStatus.fromWire(rs.getString(3));
        Visibility visibility = Visibility.parse(rs.getString(4)).orElse(Visibility.SHARED);
        boolean isProtected = rs.getBoolean(5);
        boolean osHidden = rs.getBoolean(6);
        String checksum = rs.getString(7);
        String osHashAlgo = rs.getString(8);
        String osHashValue = rs.getString(9);
        String owner = rs.getString(10);
        Long size = nullableLong(rs, 11);
        Long virtualSize = nullableLong(rs, 12);
        String diskFormat = rs.getString(13);
        String containerFormat = rs.getString(14);
        int minDisk = rs.getInt(15);
        int minRam = rs.getInt(16);
        var createdAt = timestamps.read(rs, 17);
        var updatedAt = timestamps.read(rs, 18);
        return children -> new Image(id, name, status, visibility, isProtected, osHidden, checksum, osHashAlgo,
                osHashValue, owner, size, virtualSize, diskFormat, containerFormat, minDisk, minRam, createdAt,
                updatedAt, children.properties().getOrDefault(id, Map.of()), children.tags().getOrDefault(id, List.of()),
                children.locations().getOrDefault(id, List.of()));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
