package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.glancej.config.ConfigFile;

/**
 * The quota options of {@code [DEFAULT]}. A negative count quota means unlimited; a storage quota of 0 means
 * none. With {@code use_keystone_limits} the per-project limits registered in Keystone apply and the
 * {@code user_storage_quota} check is skipped (the count quotas and {@code image_size_cap} still apply, as
 * upstream; the size cap is {@link org.glancej.images.ImagesConfig}'s, where the upload code reads it).
 *
 * @param userStorageQuota bytes one project's images may occupy across all their locations; 0 = no quota
 * @param osloLimit present exactly when {@code useKeystoneLimits} is
 */
public record QuotaConfig(int imageMemberQuota, int imagePropertyQuota, int imageTagQuota, int imageLocationQuota,
        long userStorageQuota, boolean useKeystoneLimits, Optional<OsloLimitConfig> osloLimit) {

    public QuotaConfig {
        requireNonNull(osloLimit, "osloLimit is null");
        if (osloLimit.isPresent() != useKeystoneLimits) {
            throw new IllegalArgumentException("[oslo_limit] settings go with use_keystone_limits, and only with it");
        }
    }

    public static QuotaConfig from(ConfigFile conf) {
        boolean useKeystoneLimits = conf.bool("DEFAULT", "use_keystone_limits", false);
        return new QuotaConfig(
                count(conf, "image_member_quota", 128),
                count(conf, "image_property_quota", 128),
                count(conf, "image_tag_quota", 128),
                count(conf, "image_location_quota", 10),
                StorageQuotaValue.parseBytes(conf.string("DEFAULT", "user_storage_quota", "0")),
                useKeystoneLimits,
                useKeystoneLimits ? Optional.of(OsloLimitConfig.from(conf)) : Optional.empty());
    }

    private static int count(ConfigFile conf, String option, int defaultValue) {
        return conf.integer("DEFAULT", option, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
