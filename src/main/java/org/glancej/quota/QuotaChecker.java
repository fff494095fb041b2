package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.OptionalLong;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * The static quotas of {@code glance-api.conf}: counts per image and bytes per owner. Every check runs before
 * anything is written and throws a 413 with upstream's message, so a refused request changes nothing.
 * Callers pass counts the way upstream counts them (see each method).
 */
public final class QuotaChecker {
    /** Properties in this namespace are Glance's own bookkeeping and do not count. */
    private static final String RESERVED_PREFIX = "os_glance";

    private final QuotaConfig config;
    private final QuotaUsage usage;

    public QuotaChecker(QuotaConfig config, QuotaUsage usage) {
        this.config = requireNonNull(config, "config is null");
        this.usage = requireNonNull(usage, "usage is null");
    }

    /** Where a storage check happens; upstream words the 413 differently for each. */
    public enum StorageCheck {
        /** {@code PUT /v2/images/{id}/file} and stage. */
        UPLOAD("Image exceeds the storage quota: "),
        /** A PATCH adding or replacing locations. */
        LOCATIONS("Denying attempt to upload image because it exceeds the quota: ");

        private final String prefix;

        StorageCheck(String prefix) {
            this.prefix = prefix;
        }
    }

    /**
     * Image create ({@code before} empty) and update: checked only when {@code after} adds a name, so an image
     * already over the quota can still be edited; names starting with {@code os_glance} do not count.
     */
    public void checkPropertyCount(Collection<String> before, Collection<String> after) {
        int maximum = config.imagePropertyQuota();
        if (maximum < 0 || before.containsAll(after)) {
            return;
        }
        long attempted = after.stream().filter(name -> !name.startsWith(RESERVED_PREFIX)).count();
        if (attempted > maximum) {
            throw tooLarge("The limit has been exceeded on the number of allowed image properties. Attempted: "
                    + attempted + ", Maximum: " + maximum);
        }
    }

    /** Image create and PATCH of {@code /tags}: upstream counts the tags as sent, duplicates included. */
    public void checkTagCount(int attempted) {
        if (exceeds(attempted, config.imageTagQuota())) {
            throw tooLarge(tagMessage(attempted));
        }
    }

    /** {@code PUT /v2/images/{id}/tags/{tag}}: the distinct tags once this one is added (an existing tag adds none). */
    public void checkTagAddition(String imageId, int tagsAfter) {
        if (exceeds(tagsAfter, config.imageTagQuota())) {
            throw tooLarge("Image tag limit exceeded for image " + imageId + ": " + tagMessage(tagsAfter) + ":");
        }
    }

    /**
     * {@code image_member_quota} for a caller that counts members itself, under a lock on the image (negative:
     * unlimited); {@link #memberQuotaExceeded} words its refusal.
     */
    public int imageMemberQuota() {
        return config.imageMemberQuota();
    }

    public GlanceException memberQuotaExceeded(String imageId, long attempted) {
        return tooLarge("Image member limit exceeded for image " + imageId + ": The limit has been exceeded on the"
                + " number of allowed image members for this image. Attempted: " + attempted + ", Maximum: "
                + config.imageMemberQuota() + ":");
    }

    /** Locations after adding (current + added) or replacing (the new list's length). */
    public void checkLocationCount(int attempted) {
        if (exceeds(attempted, config.imageLocationQuota())) {
            throw tooLarge("The limit has been exceeded on the number of allowed image locations. Attempted: "
                    + attempted + ", Maximum: " + config.imageLocationQuota());
        }
    }

    /**
     * Bytes the caller's project may still store under {@code user_storage_quota} (negative when already over);
     * empty when there is no such quota or unified limits replace it.
     *
     * @param excludedImageId the image whose data is being replaced (not counted), or null
     */
    public OptionalLong remainingStorage(RequestContext ctx, String excludedImageId) {
        if (config.userStorageQuota() <= 0 || config.useKeystoneLimits()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(config.userStorageQuota() - usage.storedBytes(ctx.projectId(), excludedImageId));
    }

    /**
     * Upload: check the announced size (null when unknown, which fails only when nothing remains), then stop
     * reading at the returned remaining bytes with {@link #storageQuotaFull}, and check again with the final size
     * once stored. Adding locations: the image's size times the number of new locations, excluding nothing
     * (appending) or the image itself (replacing the list).
     *
     * @return the bytes remaining before this data, or empty when unlimited
     */
    public OptionalLong checkStorage(RequestContext ctx, Long size, String excludedImageId, StorageCheck where) {
        OptionalLong remaining = remainingStorage(ctx, excludedImageId);
        if (remaining.isPresent() && (size == null ? remaining.getAsLong() <= 0 : size > remaining.getAsLong())) {
            throw storageQuotaFull(where, size, remaining.getAsLong());
        }
        return remaining;
    }

    /**
     * The 413 for data that does not fit. Upstream's reader that hits the limit mid-stream leaves the numbers
     * unformatted ({@code %(image_size)s}); passing the bytes read and the remaining quota gives a readable text.
     */
    public static GlanceException storageQuotaFull(StorageCheck where, Long size, long remaining) {
        return tooLarge(where.prefix + "The size of the data " + (size == null ? "None" : size)
                + " will exceed the limit. " + remaining + " bytes remaining.");
    }

    private static boolean exceeds(long attempted, int maximum) {
        return maximum >= 0 && attempted > maximum;
    }

    private String tagMessage(int attempted) {
        return "The limit has been exceeded on the number of allowed image tags. Attempted: " + attempted
                + ", Maximum: " + config.imageTagQuota();
    }

    private static GlanceException tooLarge(String message) {
        return new GlanceException(ErrorKind.REQUEST_ENTITY_TOO_LARGE, message);
    }
}
