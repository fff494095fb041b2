package org.glancej.images.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.glancej.images.protection.PropertyProtectionConfig.RuleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyProtectionConfigTest {

    @Test
    void withoutAFilePropertiesAreUnprotected() {
        PropertyProtectionConfig config = PropertyProtectionConfig.from(ConfigFile.empty());

        assertThat(config.file()).isEmpty();
        assertThat(config.format()).isEqualTo(RuleFormat.ROLES);
        assertThat(PropertyProtections.load(config, PolicyCheck.NONE).isEnabled()).isFalse();
    }

    @Test
    void relativeFileIsFoundBesideTheConfigurationFiles(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("property-protections.conf"),
                PropertyProtectionsTest.UPSTREAM_ROLES_EXAMPLE);
        Path conf = Files.writeString(dir.resolve("glance-api.conf"), """
                [DEFAULT]
                property_protection_file = property-protections.conf
                property_protection_rule_format = roles
                """);

        PropertyProtectionConfig config = PropertyProtectionConfig.from(ConfigFile.load(List.of(conf)));

        assertThat(config.file()).contains(rules);
        assertThat(PropertyProtections.load(config, PolicyCheck.NONE)
                .allows(PropertyProtectionsTest.MEMBER, "x_a", PropertyOperation.READ)).isTrue();
    }

    @Test
    void missingFileStopsStartup() {
        ConfigFile conf = ConfigFile.parse("[DEFAULT]\nproperty_protection_file = /nonexistent/protections.conf\n");

        assertThatThrownBy(() -> PropertyProtectionConfig.from(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "invalid value for [DEFAULT] property_protection_file = /nonexistent/protections.conf");
    }

    @Test
    void unknownFormatStopsStartup() {
        assertThatThrownBy(() -> PropertyProtectionConfig.from(
                ConfigFile.parse("[DEFAULT]\nproperty_protection_rule_format = acl\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("property_protection_rule_format = acl");
    }

    @Test
    void policiesFormatNeedsAPolicyEngine(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("p.conf"), "[.*]\ncreate = a\nread = a\nupdate = a\ndelete = a\n");
        PropertyProtectionConfig config = PropertyProtectionConfig.from(ConfigFile.parse(
                "[DEFAULT]\nproperty_protection_file = " + rules + "\nproperty_protection_rule_format = policies\n"));

        assertThat(config.format()).isEqualTo(RuleFormat.POLICIES);
        assertThatThrownBy(() -> PropertyProtections.load(config, PolicyCheck.NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("policies");
        assertThat(PropertyProtections.load(config, (rule, ctx) -> rule.equals("a")).isEnabled()).isTrue();
    }
}
