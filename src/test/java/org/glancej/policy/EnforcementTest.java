package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.policy.Personas.ADMIN;
import static org.glancej.policy.Personas.DOMAIN_MEMBER;
import static org.glancej.policy.Personas.MEMBER;
import static org.glancej.policy.Personas.OTHER;
import static org.glancej.policy.Personas.OTHER_READER;
import static org.glancej.policy.Personas.READER;
import static org.glancej.policy.Personas.SYSTEM_ADMIN;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

/** 403 and 404 answers, legacy defaults (enforce_new_defaults) and token scopes (enforce_scope). */
class EnforcementTest {
    private static final PolicyEnforcer POLICY = PolicyEnforcer.load(PolicyConfig.defaults());

    private static PolicyTarget image(String owner, String visibility, RequestContext ctx) {
        return PolicyTarget.image("i-1", owner, visibility, ctx).build();
    }

    private static PolicyEnforcer with(boolean enforceNewDefaults, boolean enforceScope, Map<String, Check> overrides) {
        return PolicyEnforcer.create(GlanceRules.defaults(), overrides,
                new PolicyConfig(Optional.empty(), List.of(), enforceNewDefaults, enforceScope, "default"));
    }

    @Test
    void enforceAnswersUpstreamsForbiddenMessage() {
        assertThatThrownBy(() -> POLICY.enforce("publicize_image", image("p1", "private", MEMBER), MEMBER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN))
                .hasMessage("You are not authorized to complete publicize_image action.");
        assertThatCode(() -> POLICY.enforce("publicize_image", image("p1", "private", ADMIN), ADMIN))
                .doesNotThrowAnyException();
    }

    @Test
    void callersWhoCannotSeeTheImageGetNotFound() {
        assertThatThrownBy(() -> POLICY.enforceOrHide("delete_image", image("p1", "private", OTHER), OTHER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("The resource could not be found.");
        assertThatThrownBy(() -> POLICY.enforceOrHide("get_image", image("p1", "private", OTHER), OTHER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void callersWhoCanSeeTheImageGetForbidden() {
        assertThatThrownBy(() -> POLICY.enforceOrHide("delete_image", image("p1", "public", OTHER), OTHER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN))
                .hasMessage("You are not authorized to complete delete_image action.");
        assertThatThrownBy(() -> POLICY.enforceOrHide("upload_image", image("p1", "private", READER), READER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        assertThatCode(() -> POLICY.enforceOrHide("upload_image", image("p1", "private", MEMBER), MEMBER))
                .doesNotThrowAnyException();
    }

    @Test
    void namespacesHideBehindTheirOwnVisibilityRule() {
        PolicyTarget privateNamespace = PolicyTarget.namespace("p1", "private");
        assertThatThrownBy(() -> POLICY.enforceOrHide("delete_metadef_namespace", "get_metadef_namespace",
                privateNamespace, OTHER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> POLICY.enforceOrHide("delete_metadef_namespace", "get_metadef_namespace",
                privateNamespace, READER))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
    }

    @Test
    void withoutNewDefaultsEachRuleAlsoAcceptsItsLegacyDefault() {
        PolicyEnforcer legacy = with(false, true, Map.of());

        // legacy "rule:default" is "" (everyone) once "default" itself accepts its legacy too
        assertThat(legacy.allowed("delete_image", image("p1", "private", OTHER_READER), OTHER_READER)).isTrue();
        assertThat(POLICY.allowed("delete_image", image("p1", "private", OTHER_READER), OTHER_READER)).isFalse();
        // rules without a legacy default are unchanged
        assertThat(legacy.allowed("publicize_image", image("p1", "private", MEMBER), MEMBER)).isFalse();
        assertThat(legacy.enforceNewDefaults()).isFalse();
    }

    @Test
    void withoutNewDefaultsTheLegacyDefaultIsReadThroughTheRulesItNames() {
        PolicyEnforcer legacy = with(false, true, Map.of("manage_image_cache", CheckParser.parse("role:cache_admin")));
        RequestContext cacheAdmin = RequestContext.project("u", "p1", List.of("cache_admin"), false);

        assertThat(legacy.allowed("cache_list", PolicyTarget.empty(), cacheAdmin)).isTrue();
        assertThat(with(true, true, Map.of("manage_image_cache", CheckParser.parse("role:cache_admin")))
                .allowed("cache_list", PolicyTarget.empty(), cacheAdmin)).isFalse();
    }

    @Test
    void anOverriddenRuleGetsNoLegacyAlternative() {
        PolicyEnforcer legacy = with(false, true, Map.of("delete_image", CheckParser.parse("role:admin")));

        assertThat(legacy.allowed("delete_image", image("p1", "private", MEMBER), MEMBER)).isFalse();
    }

    @Test
    void systemAndDomainTokensAreRefusedByProjectScopedRules() {
        assertThat(POLICY.allowed("get_images", PolicyTarget.project(null), SYSTEM_ADMIN)).isFalse();
        assertThat(POLICY.allowed("get_images", PolicyTarget.project(null), DOMAIN_MEMBER)).isFalse();
        // even when an override would let them through
        PolicyEnforcer open = with(true, true, Map.of("get_images", new Check.Always()));
        assertThat(open.allowed("get_images", PolicyTarget.empty(), SYSTEM_ADMIN)).isFalse();
        // rules without scope types take any token
        assertThat(open.allowed("context_is_admin", PolicyTarget.empty(), SYSTEM_ADMIN)).isTrue();
    }

    @Test
    void withoutScopeEnforcementWrongScopesReachTheRule() {
        PolicyEnforcer unscoped = with(true, false, Map.of());

        assertThat(unscoped.allowed("publicize_image", PolicyTarget.empty(), SYSTEM_ADMIN)).isTrue();
        assertThat(unscoped.allowed("modify_image", image("p1", "private", DOMAIN_MEMBER), DOMAIN_MEMBER)).isFalse();
        // as upstream: a token without project matches project_id:%(project_id)s of a target without one,
        // both reading as None
        assertThat(unscoped.allowed("modify_image", image(null, "public", DOMAIN_MEMBER), DOMAIN_MEMBER)).isTrue();
    }
}
