package org.glancej.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;

class MembersConfigTest {

    @Test
    void defaultsToUpstreamsQuotaOf128() {
        assertThat(MembersConfig.from(ConfigFile.empty())).isEqualTo(new MembersConfig(128));
    }

    @Test
    void readsImageMemberQuotaFromDefaultWithNegativeMeaningUnlimited() {
        MembersConfig limited = MembersConfig.from(ConfigFile.parse("[DEFAULT]\nimage_member_quota = 5\n"));
        MembersConfig unlimited = MembersConfig.from(ConfigFile.parse("[DEFAULT]\nimage_member_quota = -1\n"));

        assertThat(limited.imageMemberQuota()).isEqualTo(5);
        assertThat(unlimited.imageMemberQuota()).isEqualTo(-1);
    }

    @Test
    void refusesANonInteger() {
        assertThatThrownBy(() -> MembersConfig.from(ConfigFile.parse("[DEFAULT]\nimage_member_quota = many\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_member_quota");
    }
}
