package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glancej.config.ConfigException;
import org.glancej.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [oslo_policy]: defaults, key mapping, and where policy files are looked for. */
class PolicyConfigTest {
    @TempDir
    Path dir;

    private ConfigFile conf(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return ConfigFile.load(List.of(file));
    }

    @Test
    void withoutOptionsNewDefaultsAndScopesAreEnforcedAndNoFileIsRequired() {
        PolicyConfig config = PolicyConfig.from(ConfigFile.empty(), List.of(dir));

        assertThat(config.policyFile()).isEmpty();
        assertThat(config.policyDirs()).isEmpty();
        assertThat(config.enforceNewDefaults()).isTrue();
        assertThat(config.enforceScope()).isTrue();
        assertThat(config.defaultRule()).isEqualTo("default");
    }

    @Test
    void osloPolicyOptionNamesAreRead() throws IOException {
        Files.writeString(dir.resolve("rules.json"), "{}");
        PolicyConfig config = PolicyConfig.from(conf(dir.resolve("glance-api.conf"), """
                [oslo_policy]
                policy_file = rules.json
                enforce_new_defaults = False
                enforce_scope = false
                policy_default_rule = admin_only
                """), List.of());

        assertThat(config.policyFile()).contains(dir.resolve("rules.json"));
        assertThat(config.enforceNewDefaults()).isFalse();
        assertThat(config.enforceScope()).isFalse();
        assertThat(config.defaultRule()).isEqualTo("admin_only");
    }

    @Test
    void theDefaultPolicyYamlIsFoundBesideTheLastConfigFileFirst() throws IOException {
        Path first = conf(dir.resolve("etc/glance-api.conf"), "").sources().getFirst();
        Path second = conf(dir.resolve("conf.d/extra.conf"), "").sources().getFirst();
        Files.writeString(dir.resolve("etc/policy.yaml"), "");
        Files.writeString(dir.resolve("conf.d/policy.yaml"), "");

        PolicyConfig config = PolicyConfig.from(ConfigFile.load(List.of(first, second)), List.of());

        assertThat(config.policyFile()).contains(dir.resolve("conf.d/policy.yaml").toAbsolutePath());
    }

    @Test
    void theStandardDirectoriesAreSearchedLast() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc-glance"));
        Files.writeString(etc.resolve("policy.yaml"), "");

        PolicyConfig config = PolicyConfig.from(conf(dir.resolve("conf/glance-api.conf"), ""), List.of(etc));

        assertThat(config.policyFile()).contains(etc.resolve("policy.yaml"));
    }

    @Test
    void aMissingConfiguredPolicyFileStopsStartup() throws IOException {
        ConfigFile conf = conf(dir.resolve("glance-api.conf"), "[oslo_policy]\npolicy_file = missing.yaml\n");

        assertThatThrownBy(() -> PolicyConfig.from(conf, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[oslo_policy] policy_file = missing.yaml");
    }

    @Test
    void anAbsolutePolicyFileIsTakenAsIs() throws IOException {
        Path file = Files.writeString(dir.resolve("elsewhere.yaml"), "");

        PolicyConfig config = PolicyConfig.from(
                ConfigFile.parse("[oslo_policy]\npolicy_file = " + file + "\n"), List.of());

        assertThat(config.policyFile()).contains(file);
    }

    @Test
    void existingPolicyDirectoriesAreFoundLikeThePolicyFile() throws IOException {
        Files.createDirectories(dir.resolve("policy.d"));
        Files.createDirectories(dir.resolve("more"));
        ConfigFile conf = conf(dir.resolve("glance-api.conf"), """
                [oslo_policy]
                policy_dirs = policy.d
                policy_dirs = absent.d
                policy_dirs = more
                """);

        assertThat(PolicyConfig.from(conf, List.of()).policyDirs())
                .containsExactly(dir.resolve("policy.d"), dir.resolve("more"));
        assertThat(PolicyConfig.from(conf(dir.resolve("glance-api.conf"), ""), List.of()).policyDirs())
                .containsExactly(dir.resolve("policy.d"));
    }

    @Test
    void badBooleansAreRefused() {
        assertThatThrownBy(() -> PolicyConfig.from(
                ConfigFile.parse("[oslo_policy]\nenforce_scope = maybe\n"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enforce_scope");
    }
}
