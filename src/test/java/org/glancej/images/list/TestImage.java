package org.glancej.images.list;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.glancej.db.Dialect;

/** An image row (with its tags, properties and members) for seeding a test database. */
final class TestImage {
    record Tag(String value, boolean deleted) {
    }

    record Property(String name, String value, boolean deleted) {
    }

    record Member(String member, String status, boolean deleted) {
    }

    String id;
    String name;
    Long size;
    String status = "active";
    LocalDateTime createdAt = LocalDateTime.of(2024, 1, 1, 0, 0);
    LocalDateTime updatedAt;
    boolean deleted;
    String diskFormat;
    String containerFormat;
    String owner;
    String visibility = "shared";
    boolean osHidden;
    boolean isProtected;
    final List<Tag> tags = new ArrayList<>();
    final List<Property> properties = new ArrayList<>();
    final List<Member> members = new ArrayList<>();

    TestImage(String id) {
        this.id = id;
    }

    TestImage name(String value) {
        name = value;
        return this;
    }

    TestImage size(Long value) {
        size = value;
        return this;
    }

    TestImage status(String value) {
        status = value;
        return this;
    }

    TestImage created(LocalDateTime value) {
        createdAt = value;
        return this;
    }

    TestImage updated(LocalDateTime value) {
        updatedAt = value;
        return this;
    }

    TestImage deleted() {
        deleted = true;
        return this;
    }

    TestImage formats(String disk, String container) {
        diskFormat = disk;
        containerFormat = container;
        return this;
    }

    TestImage owner(String value) {
        owner = value;
        return this;
    }

    TestImage visibility(String value) {
        visibility = value;
        return this;
    }

    TestImage hidden() {
        osHidden = true;
        return this;
    }

    TestImage protect() {
        isProtected = true;
        return this;
    }

    TestImage tag(String value) {
        tags.add(new Tag(value, false));
        return this;
    }

    TestImage deletedTag(String value) {
        tags.add(new Tag(value, true));
        return this;
    }

    TestImage property(String key, String value) {
        properties.add(new Property(key, value, false));
        return this;
    }

    TestImage deletedProperty(String key, String value) {
        properties.add(new Property(key, value, true));
        return this;
    }

    TestImage member(String project, String status) {
        members.add(new Member(project, status, false));
        return this;
    }

    TestImage deletedMember(String project, String status) {
        members.add(new Member(project, status, true));
        return this;
    }

    boolean hasLiveTag(String value) {
        return tags.stream().anyMatch(t -> !t.deleted() && t.value().equals(value));
    }

    boolean hasLiveProperty(String key, String value) {
        return properties.stream().anyMatch(p -> !p.deleted() && p.name().equals(key) && p.value().equals(value));
    }

    /** Column value by sort/filter name, for the reference model. */
    Object value(ImageColumn column) {
        return switch (column) {
            case ID -> id;
            case NAME -> name;
            case STATUS -> status;
            case CONTAINER_FORMAT -> containerFormat;
            case DISK_FORMAT -> diskFormat;
            case SIZE -> size;
            case CREATED_AT -> utc(createdAt);
            case UPDATED_AT -> utc(updatedAt);
            case OWNER -> owner;
            default -> throw new IllegalArgumentException(column.name());
        };
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    static void insertAll(Connection c, Dialect dialect, List<TestImage> images) throws SQLException {
        String imageSql = "INSERT INTO images (id, name, size, status, created_at, updated_at, deleted_at, deleted,"
                + " disk_format, container_format, owner, min_disk, min_ram, protected, visibility, os_hidden)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)";
        if (dialect == Dialect.POSTGRESQL) {
            imageSql = imageSql.replace("?, ?, ?)", "?, CAST(? AS image_visibility), ?)");
        }
        try (PreparedStatement image = c.prepareStatement(imageSql);
                PreparedStatement tag = c.prepareStatement("INSERT INTO image_tags (image_id, value, created_at, deleted)"
                        + " VALUES (?, ?, ?, ?)");
                PreparedStatement property = c.prepareStatement("INSERT INTO image_properties"
                        + " (image_id, name, value, created_at, deleted) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement member = c.prepareStatement("INSERT INTO image_members"
                        + " (image_id, member, can_share, status, created_at, deleted_at, deleted)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Instant now = Instant.parse("2024-01-01T00:00:00Z");
            for (TestImage i : images) {
                image.setString(1, i.id);
                image.setString(2, i.name);
                image.setObject(3, i.size);
                image.setString(4, i.status);
                dialect.setTimestamp(image, 5, utc(i.createdAt));
                dialect.setTimestamp(image, 6, utc(i.updatedAt));
                dialect.setTimestamp(image, 7, i.deleted ? now : null);
                image.setBoolean(8, i.deleted);
                image.setString(9, i.diskFormat);
                image.setString(10, i.containerFormat);
                image.setString(11, i.owner);
                image.setBoolean(12, i.isProtected);
                image.setString(13, i.visibility);
                image.setBoolean(14, i.osHidden);
                image.addBatch();
                for (Tag t : i.tags) {
                    tag.setString(1, i.id);
                    tag.setString(2, t.value());
                    dialect.setTimestamp(tag, 3, now);
                    tag.setBoolean(4, t.deleted());
                    tag.addBatch();
                }
                for (Property p : i.properties) {
                    property.setString(1, i.id);
                    property.setString(2, p.name());
                    property.setString(3, p.value());
                    dialect.setTimestamp(property, 4, now);
                    property.setBoolean(5, p.deleted());
                    property.addBatch();
                }
                int n = 0;
                for (Member m : i.members) {
                    member.setString(1, i.id);
                    member.setString(2, m.member());
                    member.setBoolean(3, false);
                    member.setString(4, m.status());
                    dialect.setTimestamp(member, 5, now);
                    // (image_id, member, deleted_at) is unique: give each deleted row its own deleted_at
                    dialect.setTimestamp(member, 6, m.deleted() ? now.plusSeconds(++n) : null);
                    member.setBoolean(7, m.deleted());
                    member.addBatch();
                }
            }
            image.executeBatch();
            tag.executeBatch();
            property.executeBatch();
            member.executeBatch();
        }
    }
}
