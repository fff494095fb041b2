package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.glancej.db.Jdbc;

/**
 * What a project's images consume, counted over upstream's tables exactly as upstream's (2026)
 * {@code user_get_storage_usage}, {@code user_get_staging_usage}, {@code user_get_image_count} and
 * {@code user_get_uploading_count} count it. Images are selected by status, never by the {@code deleted}
 * flag; killed, deleted and pending_delete images count for nothing (Zed still counted pending_delete ones).
 * An owner of null selects the images without owner, as SQLAlchemy's {@code owner == None} does.
 */
public final class QuotaUsageDao implements QuotaUsage {
    /** Set while an import or copy still has stores to write to; such images occupy staging space. */
    private static final String IMPORTING_TO_STORES = "EXISTS (SELECT 1 FROM image_properties p WHERE p.image_id = i.id"
            // upstream does not look at the property's deleted flag either
            + " AND p.name = 'os_glance_importing_to_stores' AND p.value <> '')";

    private static final String GONE = "('killed', 'deleted', 'pending_delete')";

    private final DataSource dataSource;

    public QuotaUsageDao(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * Bytes stored for the owner's images: each image's size once per location not marked deleted, over the
     * live images with a size.
     *
     * @param excludedImageId an image left out (the one whose data is being replaced), or null
     */
    @Override
    public long storedBytes(String owner, String excludedImageId) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COALESCE(SUM(i.size), 0) FROM images i JOIN image_locations l ON l.image_id = i.id"
                + " WHERE " + ownerIs(owner, args) + " AND i.size > 0 AND i.status NOT IN " + GONE
                + " AND l.status <> 'deleted'";
        if (excludedImageId != null) {
            sql += " AND i.id <> ?";
            args.add(excludedImageId);
        }
        return single(sql, args);
    }

    /** Bytes in staging: images uploading or importing, and live images still being copied to stores. */
    @Override
    public long stagedBytes(String owner) {
        List<Object> args = new ArrayList<>();
        return single("SELECT COALESCE(SUM(i.size), 0) FROM images i WHERE " + ownerIs(owner, args)
                + " AND i.size > 0 AND (i.status IN ('uploading', 'importing') OR (i.status NOT IN ('uploading',"
                + " 'importing', 'killed', 'deleted', 'pending_delete') AND " + IMPORTING_TO_STORES + "))", args);
    }

    /** The owner's live images. */
    @Override
    public long imageCount(String owner) {
        List<Object> args = new ArrayList<>();
        return single("SELECT COUNT(*) FROM images i WHERE " + ownerIs(owner, args) + " AND i.status NOT IN " + GONE,
                args);
    }

    /** The owner's images receiving data: saving, uploading or importing, or live and being copied to stores. */
    @Override
    public long uploadingCount(String owner) {
        List<Object> args = new ArrayList<>();
        return single("SELECT COUNT(*) FROM images i WHERE " + ownerIs(owner, args)
                + " AND (i.status IN ('saving', 'uploading', 'importing') OR (i.status NOT IN ('saving', 'uploading',"
                + " 'importing', 'killed', 'deleted', 'pending_delete') AND " + IMPORTING_TO_STORES + "))", args);
    }

    private static String ownerIs(String owner, List<Object> args) {
        if (owner == null) {
            return "i.owner IS NULL";
        }
        args.add(owner);
        return "i.owner = ?";
    }

    private long single(String sql, List<Object> args) {
        return Jdbc.withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return number(rs);
                }
            }
        });
    }

    // SUM of a BIGINT is NUMERIC on PostgreSQL and DECIMAL on MariaDB
    private static long number(ResultSet rs) throws SQLException {
        return rs.getBigDecimal(1).longValueExact();
    }
}
