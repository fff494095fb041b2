package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.policy.Personas.ADMIN;
import static org.glancej.policy.Personas.MEMBER;
import static org.glancej.policy.Personas.OTHER;
import static org.glancej.policy.Personas.READER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.glancej.auth.RequestContext;
import org.glancej.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators' policy files: YAML and JSON, replacing defaults rule by rule and adding rules of their own. */
class PolicyOverridesTest {
    @TempDir
    Path dir;

    private PolicyEnforcer load(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        return PolicyEnforcer.load(new PolicyConfig(Optional.of(file), List.of(), true, true, "default"));
    }

    private static PolicyTarget own(RequestContext ctx) {
        return PolicyTarget.image("i-1", "p1", "private", ctx).build();
    }

    @Test
    void yamlOverrideReplacesTheDefaultAndMayReferToRulesOfItsOwn() throws IOException {
        PolicyEnforcer policy = load("policy.yaml", """
                # let readers upload, and only the image_uploader role publicize
                "upload_image": "rule:project_reader"
                project_reader: role:reader and project_id:%(project_id)s
                "publicize_image": "role:image_uploader"
                """);

        assertThat(policy.allowed("upload_image", own(READER), READER)).isTrue();
        assertThat(policy.allowed("upload_image", own(OTHER), OTHER)).isFalse();
        assertThat(policy.allowed("publicize_image", own(ADMIN), ADMIN)).isFalse();
        assertThat(policy.allowed("project_reader", own(READER), READER)).isTrue();
        // untouched rules keep their defaults
        assertThat(policy.allowed("delete_image", own(MEMBER), MEMBER)).isTrue();
        assertThat(policy.allowed("delete_image", own(READER), READER)).isFalse();
    }

    @Test
    void jsonPolicyFilesAreReadToo() throws IOException {
        PolicyEnforcer policy = load("policy.json", """
                {"context_is_admin": "role:admin or role:glance_admin",
                 "get_images": "!",
                 "modify_image": [["role:member", "project_id:%(project_id)s"], ["rule:context_is_admin"]]}
                """);
        var glanceAdmin = RequestContext.project("u", "p9", List.of("glance_admin"), false);

        assertThat(policy.isAdmin(Credentials.of(glanceAdmin))).isTrue();
        assertThat(policy.allowed("publicize_image", own(glanceAdmin), glanceAdmin)).isTrue();
        assertThat(policy.allowed("get_images", PolicyTarget.project("p1"), ADMIN)).isFalse();
        assertThat(policy.allowed("modify_image", own(MEMBER), MEMBER)).isTrue();
        assertThat(policy.allowed("modify_image", own(OTHER), OTHER)).isFalse();
    }

    @Test
    void aRuleReferenceIsEvaluatedWithAnEmptyTargetAndUndefinedNamesFallBackToTheDefaultRule() throws IOException {
        PolicyEnforcer policy = load("policy.yaml", """
                "default": "role:admin"
                glance_creator: role:member
                own_project: project_id:%(project_id)s
                """);

        assertThat(policy.allowsRuleReference("glance_creator", MEMBER)).isTrue();
        assertThat(policy.allowsRuleReference("glance_creator", READER)).isFalse();
        // a property protection rule sees no target: checks that read one never match
        assertThat(policy.allowsRuleReference("own_project", MEMBER)).isFalse();
        assertThat(policy.allowsRuleReference("nobody_defined_this", MEMBER)).isFalse();
        assertThat(policy.allowsRuleReference("nobody_defined_this", ADMIN)).isTrue();
    }

    @Test
    void anEmptyStringAllowsEveryone() throws IOException {
        PolicyEnforcer policy = load("policy.yaml", "copy_image: \"\"\n");

        assertThat(policy.allowed("copy_image", own(READER), READER)).isTrue();
    }

    @Test
    void aRuleWithoutValueIsRefusedRatherThanOpened() {
        // unquoted, YAML reads "!" as a tag with no value; oslo.policy would then allow everyone
        assertThatThrownBy(() -> load("policy.yaml", "publicize_image: !\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rule 'publicize_image' has no value");
    }

    @Test
    void aReferenceToAnUndefinedRuleMeansTheDefaultRule() throws IOException {
        PolicyEnforcer policy = load("policy.yaml", """
                "default": "role:admin"
                "delete_image": "rule:no_such_rule"
                """);

        assertThat(policy.allowed("delete_image", own(ADMIN), ADMIN)).isTrue();
        assertThat(policy.allowed("delete_image", own(MEMBER), MEMBER)).isFalse();
    }

    @Test
    void anUnparsableRuleDeniesEveryone() throws IOException {
        PolicyEnforcer policy = load("policy.yaml", "\"get_image\": \"role:admin or (role:reader\"\n");

        assertThat(policy.allowed("get_image", own(ADMIN), ADMIN)).isFalse();
    }

    @Test
    void rulesReferringToEachOtherInACircleStopStartup() {
        assertThatThrownBy(() -> load("policy.yaml", """
                a: rule:b or role:x
                b: not rule:c
                c: rule:a
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void malformedFilesStopStartup() {
        assertThatThrownBy(() -> load("policy.yaml", "get_image: [unclosed\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML or JSON");
        assertThatThrownBy(() -> load("policy.yaml", "- get_image\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must map rule names");
        assertThatThrownBy(() -> load("policy.yaml", "get_image: 42\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rule 'get_image'");
    }

    @Test
    void anEmptyFileChangesNothing() throws IOException {
        PolicyEnforcer policy = load("policy.yaml", "# nothing overridden\n");

        assertThat(policy.allowed("get_image", own(READER), READER)).isTrue();
    }

    @Test
    void filesInPolicyDirectoriesOverrideThePolicyFileInNameOrder() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "get_images: '!'\ncopy_image: '!'\n");
        Path policyD = Files.createDirectory(dir.resolve("policy.d"));
        Files.writeString(policyD.resolve("10-images.yaml"), "get_images: '@'\ndelete_image: '!'\n");
        Files.writeString(policyD.resolve("20-delete.yaml"), "delete_image: '@'\n");
        Files.writeString(policyD.resolve(".hidden.yaml"), "copy_image: '@'\n");

        PolicyEnforcer policy = PolicyEnforcer.load(
                new PolicyConfig(Optional.of(file), List.of(policyD), true, true, "default"));

        assertThat(policy.allowed("get_images", PolicyTarget.project("p2"), OTHER)).isTrue();
        assertThat(policy.allowed("delete_image", own(OTHER), OTHER)).isTrue();
        assertThat(policy.allowed("copy_image", own(ADMIN), ADMIN)).isFalse();
    }

    @Test
    void unknownRuleNamesAreAProgrammingError() {
        PolicyEnforcer policy = PolicyEnforcer.load(PolicyConfig.defaults());

        assertThatThrownBy(() -> policy.allowed("get_imagez", PolicyTarget.empty(), ADMIN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
