package org.glancej.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaConfigTest {

    @Test
    void defaultsAreUpstreams() {
        QuotaConfig config = QuotaConfig.from(ConfigFile.empty());

        assertThat(config.imageMemberQuota()).isEqualTo(128);
        assertThat(config.imagePropertyQuota()).isEqualTo(128);
        assertThat(config.imageTagQuota()).isEqualTo(128);
        assertThat(config.imageLocationQuota()).isEqualTo(10);
        assertThat(config.userStorageQuota()).isZero();
        assertThat(config.useKeystoneLimits()).isFalse();
        assertThat(config.osloLimit()).isEmpty();
    }

    @Test
    void optionsAreReadFromDefaultSectionAndNegativeCountsAreAllowed() {
        QuotaConfig config = QuotaConfig.from(ConfigFile.parse("""
                [DEFAULT]
                image_member_quota = 3
                image_property_quota = -1
                image_tag_quota = 0
                image_location_quota = 2
                user_storage_quota = 5GB
                """));

        assertThat(config.imageMemberQuota()).isEqualTo(3);
        assertThat(config.imagePropertyQuota()).isEqualTo(-1);
        assertThat(config.imageTagQuota()).isZero();
        assertThat(config.imageLocationQuota()).isEqualTo(2);
        assertThat(config.userStorageQuota()).isEqualTo(5L << 30);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "1234, 1234",
            "1234B, 1234",
            "1KB, 1024",
            "3MB, 3145728",
            "2GB, 2147483648",
            "1TB, 1099511627776",
            "99999999999999999999TB, 9223372036854775807",
    })
    void storageQuotaUnitsAreBinaryMultiples(String value, long bytes) {
        assertThat(StorageQuotaValue.parseBytes(value)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10kb", "10 MB", "-1", "1.5GB", "10KiB", "GB", "10K", "10PB"})
    void badStorageQuotaStopsStartupNamingTheOption(String value) {
        ConfigFile conf = ConfigFile.parse("[DEFAULT]\nuser_storage_quota = " + value + "\n");

        assertThatThrownBy(() -> QuotaConfig.from(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value for [DEFAULT] user_storage_quota = " + value + ":");
    }

    @Test
    void badCountQuotaNamesTheOption() {
        assertThatThrownBy(() -> QuotaConfig.from(ConfigFile.parse("[DEFAULT]\nimage_tag_quota = many\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for [DEFAULT] image_tag_quota = many: not an integer");
    }

    @Test
    void keystoneLimitsNeedTheirSection() {
        assertThatThrownBy(() -> QuotaConfig.from(ConfigFile.parse("[DEFAULT]\nuse_keystone_limits = true\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_limit] auth_type");
    }

    @Test
    void keystoneLimitsReadOsloLimitSection() {
        QuotaConfig config = QuotaConfig.from(ConfigFile.parse("""
                [DEFAULT]
                use_keystone_limits = True
                [oslo_limit]
                auth_type = password
                auth_url = http://controller:5000
                username = glance
                user_domain_id = default
                password = secret
                system_scope = all
                endpoint_id = e1
                """));

        assertThat(config.useKeystoneLimits()).isTrue();
        assertThat(config.osloLimit()).hasValueSatisfying(limits -> assertThat(limits.endpointId()).isEqualTo("e1"));
    }
}
