package org.glancej.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Copies of an image with one aspect changed; the record itself stays a plain value. */
public final class ImageChanges {
    private ImageChanges() {}

    public static Image withTags(Image i, List<String> tags) {
        return i.toBuilder().tags(tags).build();
    }

    public static Image withProperties(Image i, Map<String, String> properties) {
        return i.toBuilder().properties(properties).build();
    }

    static Image touch(Image i, Instant now) {
        return i.toBuilder().updatedAt(now).build();
    }

    /** The image after a successful upload: its data's size, hashes and virtual size, now active. */
    public static Image uploaded(Image i, long size, Long virtualSize, String checksum, String hashAlgo,
            String hashValue, Instant now) {
        return i.toBuilder().status(ImageStatus.ACTIVE).data(size, checksum, hashAlgo, hashValue)
                .virtualSize(virtualSize).updatedAt(now).build();
    }

    /** The image with its data described anew: status, size, hashes and locations. */
    public static Image withData(Image i, ImageStatus status, Long size, String checksum, String hashAlgo,
            String hashValue, List<ImageLocation> locations, Instant now) {
        return i.toBuilder().status(status).data(size, checksum, hashAlgo, hashValue).locations(locations)
                .updatedAt(now).build();
    }
}
