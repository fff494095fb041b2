package org.glancej.quota;

/** What one owner's images consume, as {@link QuotaUsageDao} counts it. A null owner means the ownerless images. */
public interface QuotaUsage {
    /** Bytes stored: each live image's size once per location, leaving out {@code excludedImageId} if not null. */
    long storedBytes(String owner, String excludedImageId);

    /** Bytes held in staging by uploads, imports and copies. */
    long stagedBytes(String owner);

    /** Live images. */
    long imageCount(String owner);

    /** Images receiving data. */
    long uploadingCount(String owner);
}
