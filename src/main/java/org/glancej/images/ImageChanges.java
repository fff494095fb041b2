package org.glancej.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Copies of an image with one aspect changed; the record itself stays a plain value. */
public final class ImageChanges {
    private ImageChanges() {}

    public static Image withTags(Image i, List<String> tags) {
        return new Image(i.id(), i.name(), i.status(), i.visibility(), i.isProtected(), i.osHidden(), i.checksum(),
                i.osHashAlgo(), i.osHashValue(), i.owner(), i.size(), i.virtualSize(), i.diskFormat(),
                i.containerFormat(), i.minDisk(), i.minRam(), i.createdAt(), i.updatedAt(), i.properties(), tags,
                i.locations());
    }

    public static Image withProperties(Image i, Map<String, String> properties) {
        return new Image(i.id(), i.name(), i.status(), i.visibility(), i.isProtected(), i.osHidden(), i.checksum(),
                i.osHashAlgo(), i.osHashValue(), i.owner(), i.size(), i.virtualSize(), i.diskFormat(),
                i.containerFormat(), i.minDisk(), i.minRam(), i.createdAt(), i.updatedAt(), properties, i.tags(),
                i.locations());
    }

    static Image touch(Image i, Instant now) {
        return new Image(i.id(), i.name(), i.status(), i.visibility(), i.isProtected(), i.osHidden(), i.checksum(),
                i.osHashAlgo(), i.osHashValue(), i.owner(), i.size(), i.virtualSize(), i.diskFormat(),
                i.containerFormat(), i.minDisk(), i.minRam(), i.createdAt(), now, i.properties(), i.tags(),
                i.locations());
    }

    /** The image after a successful upload: its data's size, hashes and virtual size, now active. */
    public static Image uploaded(Image i, long size, Long virtualSize, String checksum, String hashAlgo,
            String hashValue, Instant now) {
        return new Image(i.id(), i.name(), ImageStatus.ACTIVE, i.visibility(), i.isProtected(), i.osHidden(),
                checksum, hashAlgo, hashValue, i.owner(), size, virtualSize, i.diskFormat(), i.containerFormat(),
                i.minDisk(), i.minRam(), i.createdAt(), now, i.properties(), i.tags(), i.locations());
    }

    /** The image with its data described anew: status, size, hashes and locations. */
    public static Image withData(Image i, ImageStatus status, Long size, String checksum, String hashAlgo,
            String hashValue, List<ImageLocation> locations, Instant now) {
        return new Image(i.id(), i.name(), status, i.visibility(), i.isProtected(), i.osHidden(), checksum, hashAlgo,
                hashValue, i.owner(), size, i.virtualSize(), i.diskFormat(), i.containerFormat(), i.minDisk(),
                i.minRam(), i.createdAt(), now, i.properties(), i.tags(), List.copyOf(locations));
    }
}
