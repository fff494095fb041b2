package org.glancej.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glancej.db.Database;
import org.glancej.db.Jdbc;
import org.glancej.images.PendingDataDao;
import org.glancej.images.UploadMarkers;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.StoreException;
import org.glancej.store.file.FileStore;

/**
 * {@code store orphans}: files in the file store that nothing in the database accounts for. A file is accounted
 * for by a live image location, by a removal still pending (the service retries those), by an upload in flight
 * writing to it, or by an image {@code saving} without an owner (an upstream node's upload, named by image id).
 * Lists by default; removes only with {@code --delete}, checking each file again just before.
 */
final class OrphanSweep {
    private final Database database;
    private final FileStore store;
    private final PrintStream out;

    OrphanSweep(Database database, FileStore store, PrintStream out) {
        this.database = requireNonNull(database, "database is null");
        this.store = requireNonNull(store, "store is null");
        this.out = requireNonNull(out, "out is null");
    }

    int run(boolean delete) {
        // files first: an upload records its location before it creates its file, so one that starts after the
        // listing is not listed, and one listed is found by the query below
        List<StoredData> files = store.list();
        Set<String> accounted = accountedFor();
        PendingDataDao pending = new PendingDataDao(database.dataSource(), database.dialect());
        long count = 0;
        long bytes = 0;
        int failed = 0;
        for (StoredData file : files) {
            if (accounted.contains(file.locationUrl())) {
                continue;
            }
            count++;
            bytes += file.bytesWritten();
            String action = "orphan";
            if (delete) {
                if (pending.isInUse(file.locationUrl())) {
                    action = "in use now, kept";
                } else {
                    try {
                        store.delete(file.locationUrl());
                        action = "removed";
                    } catch (StoreException e) {
                        action = "not removed: " + e.getMessage();
                        failed++;
                    }
                }
            }
            out.println(file.locationUrl() + "\t" + file.bytesWritten() + "\t" + action);
        }
        out.println(count + " orphan file(s), " + bytes + " bytes" + (delete ? "" : " (dry run; --delete removes them)"));
        return failed == 0 ? 0 : 1;
    }

    private Optional<String> uploadLocationOf(String imageId) {
        try {
            return store.uploadLocation(imageId);
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    private Set<String> accountedFor() {
        // one statement, one snapshot: an upload activating meanwhile is seen either in flight or as a location
        return Jdbc.withConnection(database.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 'l', value FROM image_locations WHERE deleted = ?"
                    + " UNION SELECT 'l', value FROM image_locations WHERE status = ?"
                    + " UNION SELECT 'l', value FROM image_properties WHERE name = ? AND deleted = ?"
                    + " UNION SELECT 'i', id FROM images WHERE status = ? AND deleted = ?")) {
                ps.setBoolean(1, false);
                ps.setString(2, "pending_delete");
                ps.setString(3, UploadMarkers.LOCATION);
                ps.setBoolean(4, false);
                ps.setString(5, "saving");
                ps.setBoolean(6, false);
                Set<String> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals("l")) {
                            found.add(rs.getString(2));
                        } else {
                            // an image saving without markers (an upstream node's upload) writes where we would
                            uploadLocationOf(rs.getString(2)).ifPresent(found::add);
                        }
                    }
                }
                return found;
            }
        });
    }
}
