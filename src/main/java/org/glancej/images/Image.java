package org.glancej.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One image's metadata as stored: base attributes, extra properties and tags (both in insertion order),
 * and the store locations of its data. Immutable; a change is a copy made with {@link #toBuilder()}.
 */
public record Image(
        String id,
        String name,
        ImageStatus status,
        Visibility visibility,
        boolean isProtected,
        boolean osHidden,
        String checksum,
        String osHashAlgo,
        String osHashValue,
        String owner,
        Long size,
        Long virtualSize,
        String diskFormat,
        String containerFormat,
        int minDisk,
        int minRam,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> properties,
        List<String> tags,
        List<ImageLocation> locations) {

    public Image {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        tags = List.copyOf(tags);
        locations = List.copyOf(locations);
    }

    /** A builder holding this image's values, for a copy with some of them changed. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every component by name, so that a copy names only what it changes. */
    public static final class Builder {
        private String id;
        private String name;
        private ImageStatus status;
        private Visibility visibility;
        private boolean isProtected;
        private boolean osHidden;
        private String checksum;
        private String osHashAlgo;
        private String osHashValue;
        private String owner;
        private Long size;
        private Long virtualSize;
        private String diskFormat;
        private String containerFormat;
        private int minDisk;
        private int minRam;
        private Instant createdAt;
        private Instant updatedAt;
        private Map<String, String> properties;
        private List<String> tags;
        private List<ImageLocation> locations;

        private Builder(Image i) {
            id = i.id;
            name = i.name;
            status = i.status;
            visibility = i.visibility;
            isProtected = i.isProtected;
            osHidden = i.osHidden;
            checksum = i.checksum;
            osHashAlgo = i.osHashAlgo;
            osHashValue = i.osHashValue;
            owner = i.owner;
            size = i.size;
            virtualSize = i.virtualSize;
            diskFormat = i.diskFormat;
            containerFormat = i.containerFormat;
            minDisk = i.minDisk;
            minRam = i.minRam;
            createdAt = i.createdAt;
            updatedAt = i.updatedAt;
            properties = i.properties;
            tags = i.tags;
            locations = i.locations;
        }

        public Builder name(String value) { name = value; return this; }
        public Builder status(ImageStatus value) { status = value; return this; }
        public Builder visibility(Visibility value) { visibility = value; return this; }
        public Builder isProtected(boolean value) { isProtected = value; return this; }
        public Builder osHidden(boolean value) { osHidden = value; return this; }
        public Builder owner(String value) { owner = value; return this; }
        public Builder diskFormat(String value) { diskFormat = value; return this; }
        public Builder containerFormat(String value) { containerFormat = value; return this; }
        public Builder minDisk(int value) { minDisk = value; return this; }
        public Builder minRam(int value) { minRam = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder properties(Map<String, String> value) { properties = value; return this; }
        public Builder tags(List<String> value) { tags = value; return this; }
        public Builder locations(List<ImageLocation> value) { locations = value; return this; }

        /** The data's description, which changes as one: size, checksum and multihash. */
        public Builder data(Long newSize, String newChecksum, String hashAlgo, String hashValue) {
            size = newSize;
            checksum = newChecksum;
            osHashAlgo = hashAlgo;
            osHashValue = hashValue;
            return this;
        }

        public Builder virtualSize(Long value) { virtualSize = value; return this; }

        public Image build() {
            return new Image(id, name, status, visibility, isProtected, osHidden, checksum, osHashAlgo, osHashValue,
                    owner, size, virtualSize, diskFormat, containerFormat, minDisk, minRam, createdAt, updatedAt,
                    properties, tags, locations);
        }
    }
}
