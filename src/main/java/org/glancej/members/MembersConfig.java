package org.glancej.members;

import org.glancej.config.ConfigFile;

/**
 * Options of the sharing API.
 *
 * @param imageMemberQuota {@code [DEFAULT] image_member_quota}: members one image may have; negative means
 *     unlimited, as upstream reads it
 */
public record MembersConfig(int imageMemberQuota) {

    public static MembersConfig from(ConfigFile conf) {
        return new MembersConfig(
                conf.integer("DEFAULT", "image_member_quota", 128, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
}
