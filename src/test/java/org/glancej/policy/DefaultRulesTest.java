package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.policy.Personas.ADMIN;
import static org.glancej.policy.Personas.MEMBER;
import static org.glancej.policy.Personas.OTHER;
import static org.glancej.policy.Personas.OTHER_READER;
import static org.glancej.policy.Personas.READER;
import static org.glancej.policy.Personas.SERVICE;
import static org.glancej.policy.Personas.SYSTEM_ADMIN;

import java.util.List;
import org.glancej.auth.RequestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Glance's secure-RBAC defaults for the usual personas: one test per composite check string. The image
 * targets are built as the image code will build them, for an image the caller could find.
 */
class DefaultRulesTest {
    private static final PolicyEnforcer POLICY = PolicyEnforcer.load(PolicyConfig.defaults());

    private static boolean allowed(String rule, RequestContext ctx, PolicyTarget target) {
        return POLICY.allowed(rule, target, ctx);
    }

    private static PolicyTarget image(String owner, String visibility, RequestContext ctx) {
        return PolicyTarget.image("i-1", owner, visibility, ctx).build();
    }

    private static PolicyTarget ownImage(RequestContext ctx) {
        return image("p1", "private", ctx);
    }

    @ParameterizedTest
    @ValueSource(strings = {"modify_image", "delete_image", "upload_image", "deactivate", "reactivate",
            "communitize_image", "add_member", "delete_member", "set_image_location"})
    void adminOrProjectMemberOfTheOwner(String rule) {
        assertThat(allowed(rule, ADMIN, ownImage(ADMIN))).isTrue();
        assertThat(allowed(rule, MEMBER, ownImage(MEMBER))).isTrue();
        assertThat(allowed(rule, READER, ownImage(READER))).isFalse();
        assertThat(allowed(rule, OTHER, ownImage(OTHER))).isFalse();
        assertThat(allowed(rule, SYSTEM_ADMIN, ownImage(SYSTEM_ADMIN))).isFalse();
    }

    @Test
    void getImagesNeedsTheReaderRoleInTheCallersProject() {
        for (RequestContext ctx : List.of(ADMIN, MEMBER, READER, OTHER)) {
            assertThat(allowed("get_images", ctx, PolicyTarget.project(ctx.projectId()))).as(ctx.userId()).isTrue();
        }
        assertThat(allowed("get_images", SYSTEM_ADMIN, PolicyTarget.project(null))).isFalse();
        RequestContext noReader = RequestContext.project("u", "p1", List.of("member"), false);
        assertThat(allowed("get_images", noReader, PolicyTarget.project("p1"))).isFalse();
    }

    @Test
    void getImageLocationIsForReadersOfTheOwner() {
        assertThat(allowed("get_image_location", READER, ownImage(READER))).isTrue();
        assertThat(allowed("get_image_location", OTHER, image("p1", "public", OTHER))).isFalse();
        assertThat(allowed("get_image_location", ADMIN, image("p2", "private", ADMIN))).isTrue();
    }

    @Test
    void getImageLetsReadersSeeOwnPublicCommunityAndSharedImages() {
        assertThat(allowed("get_image", READER, ownImage(READER))).isTrue();
        assertThat(allowed("get_image", OTHER_READER, ownImage(OTHER_READER))).isFalse();
        assertThat(allowed("get_image", OTHER_READER, image("p1", "public", OTHER_READER))).isTrue();
        assertThat(allowed("get_image", OTHER_READER, image("p1", "community", OTHER_READER))).isTrue();
        // the policy passes any shared image: the database only returns one to its members
        assertThat(allowed("get_image", OTHER_READER, image("p1", "shared", OTHER_READER))).isTrue();
        assertThat(allowed("get_image", ADMIN, image("p2", "private", ADMIN))).isTrue();
        assertThat(allowed("get_image", SYSTEM_ADMIN, image("p1", "public", SYSTEM_ADMIN))).isFalse();
    }

    @Test
    void downloadImageNeedsTheMemberRole() {
        assertThat(allowed("download_image", MEMBER, ownImage(MEMBER))).isTrue();
        assertThat(allowed("download_image", READER, ownImage(READER))).isFalse();
        assertThat(allowed("download_image", OTHER, image("p1", "public", OTHER))).isTrue();
        assertThat(allowed("download_image", OTHER, ownImage(OTHER))).isFalse();
        assertThat(allowed("download_image", OTHER_READER, image("p1", "public", OTHER_READER))).isFalse();
        assertThat(allowed("download_from_store", OTHER, image("p1", "shared", OTHER))).isTrue();
        assertThat(allowed("download_image", ADMIN, image("p2", "private", ADMIN))).isTrue();
    }

    @Test
    void addImageLetsMembersCreateOnlyForTheirOwnProject() {
        assertThat(allowed("add_image", MEMBER, PolicyTarget.newImage(null, null, MEMBER))).isTrue();
        assertThat(allowed("add_image", MEMBER, PolicyTarget.newImage("p1", "shared", MEMBER))).isTrue();
        assertThat(allowed("add_image", MEMBER, PolicyTarget.newImage("p2", null, MEMBER))).isFalse();
        assertThat(allowed("add_image", READER, PolicyTarget.newImage(null, null, READER))).isFalse();
        assertThat(allowed("add_image", ADMIN, PolicyTarget.newImage("p2", null, ADMIN))).isTrue();
        assertThat(allowed("add_image", SYSTEM_ADMIN, PolicyTarget.newImage(null, null, SYSTEM_ADMIN))).isFalse();
    }

    @Test
    void modifyMemberIsForTheImageMemberNotTheOwner() {
        PolicyTarget sharedWithP2 = image("p1", "shared", OTHER);
        assertThat(allowed("modify_member", OTHER, sharedWithP2)).isTrue();
        assertThat(allowed("modify_member", OTHER_READER, image("p1", "shared", OTHER_READER))).isFalse();
        assertThat(allowed("modify_member", MEMBER, image("p1", "shared", MEMBER))).isFalse();
        assertThat(allowed("modify_member", ADMIN, image("p1", "shared", ADMIN))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get_member", "get_members"})
    void memberListsAreForReadersOfTheOwnerAndImageMembers(String rule) {
        assertThat(allowed(rule, READER, image("p1", "shared", READER))).isTrue();
        assertThat(allowed(rule, OTHER_READER, image("p1", "shared", OTHER_READER))).isTrue();
        assertThat(allowed(rule, OTHER_READER, image("p1", "public", OTHER_READER))).isFalse();
        assertThat(allowed(rule, ADMIN, image("p2", "private", ADMIN))).isTrue();
        assertThat(allowed(rule, SYSTEM_ADMIN, image("p1", "shared", SYSTEM_ADMIN))).isFalse();
    }

    @Test
    void addImageLocationIsForServicesAndOwnerMembers() {
        assertThat(allowed("add_image_location", SERVICE, image("p1", "private", SERVICE))).isTrue();
        assertThat(allowed("add_image_location", ADMIN, image("p2", "private", ADMIN))).isTrue();
        assertThat(allowed("add_image_location", MEMBER, ownImage(MEMBER))).isTrue();
        assertThat(allowed("add_image_location", READER, ownImage(READER))).isFalse();
        assertThat(allowed("add_image_location", OTHER, image("p1", "public", OTHER))).isFalse();
    }

    @Test
    void fetchImageLocationAndStoreDetailsAreForServicesAndAdmins() {
        assertThat(allowed("fetch_image_location", SERVICE, ownImage(SERVICE))).isTrue();
        assertThat(allowed("fetch_image_location", ADMIN, ownImage(ADMIN))).isTrue();
        assertThat(allowed("fetch_image_location", MEMBER, ownImage(MEMBER))).isFalse();
        assertThat(allowed("stores_info_detail", SERVICE, PolicyTarget.empty())).isTrue();
        assertThat(allowed("stores_info_detail", ADMIN, PolicyTarget.empty())).isTrue();
        assertThat(allowed("stores_info_detail", MEMBER, PolicyTarget.empty())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"publicize_image", "copy_image", "delete_image_location", "tasks_api_access",
            "cache_image", "cache_list", "cache_delete", "cache_clean", "cache_prune", "list_cached_nodes",
            "manage_image_cache", "add_metadef_namespace", "modify_metadef_object", "delete_metadef_tags"})
    void adminOnly(String rule) {
        assertThat(allowed(rule, ADMIN, ownImage(ADMIN))).isTrue();
        assertThat(allowed(rule, MEMBER, ownImage(MEMBER))).isFalse();
        assertThat(allowed(rule, SERVICE, ownImage(SERVICE))).isFalse();
        assertThat(allowed(rule, SYSTEM_ADMIN, ownImage(SYSTEM_ADMIN))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get_metadef_namespace", "get_metadef_objects", "get_metadef_tag", "get_metadef_property"})
    void metadefReadsAreForReadersOfTheOwnerOrPublicNamespaces(String rule) {
        assertThat(allowed(rule, READER, PolicyTarget.namespace("p1", "private"))).isTrue();
        assertThat(allowed(rule, OTHER_READER, PolicyTarget.namespace("p1", "private"))).isFalse();
        assertThat(allowed(rule, OTHER_READER, PolicyTarget.namespace("p1", "public"))).isTrue();
        assertThat(allowed(rule, ADMIN, PolicyTarget.namespace("p2", "private"))).isTrue();
        assertThat(allowed(rule, SYSTEM_ADMIN, PolicyTarget.namespace("p1", "public"))).isFalse();
    }

    @Test
    void internalTaskRulesFallToTheDefaultRuleWhichAllowsProjectTokens() {
        assertThat(allowed("get_task", READER, PolicyTarget.empty())).isTrue();
        assertThat(allowed("add_task", OTHER, PolicyTarget.empty())).isTrue();
        assertThat(allowed("get_tasks", SYSTEM_ADMIN, PolicyTarget.empty())).isFalse();
    }

    @Test
    void theUnauthenticatedAdminContextMayDoEverything() {
        RequestContext noauth = RequestContext.unauthenticatedAdmin();
        for (RuleDefault rule : GlanceRules.defaults()) {
            assertThat(allowed(rule.name(), noauth, image("p1", "private", noauth))).as(rule.name()).isTrue();
        }
    }

    @Test
    void contextIsAdminFollowsTheAdminRoleWhateverTheScope() {
        assertThat(POLICY.isAdmin(Credentials.of(ADMIN))).isTrue();
        assertThat(POLICY.isAdmin(Credentials.of(SYSTEM_ADMIN))).isTrue();
        assertThat(POLICY.isAdmin(Credentials.of(MEMBER))).isFalse();
        assertThat(POLICY.isAdmin(Credentials.of(SERVICE))).isFalse();
    }
}
