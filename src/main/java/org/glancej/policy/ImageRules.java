package org.glancej.policy;

import static org.glancej.policy.GlanceRules.ADMIN;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_MEMBER;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_MEMBER_CREATE_IMAGE;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_READER;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_READER_GET_IMAGE;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER;
import static org.glancej.policy.GlanceRules.ADMIN_OR_SHARED_MEMBER;
import static org.glancej.policy.GlanceRules.DEFAULT;
import static org.glancej.policy.GlanceRules.SERVICE;
import static org.glancej.policy.GlanceRules.SERVICE_OR_PROJECT_MEMBER;
import static org.glancej.policy.RuleDefault.project;

import java.util.List;
import org.glancej.policy.RuleDefault.Legacy;

/** Image, image data, location, member and image-action rules (upstream's glance/policies/image.py). */
final class ImageRules {
    // Before secure RBAC these all deferred to the "default" rule.
    private static final Legacy WAS_DEFAULT = new Legacy(DEFAULT);

    private static final String IMAGES = "/v2/images";
    private static final String IMAGE = "/v2/images/{image_id}";
    private static final String FILE = IMAGE + "/file";
    private static final String MEMBERS = IMAGE + "/members";
    private static final String MEMBER = MEMBERS + "/{member_id}";

    private ImageRules() {
    }

    static List<RuleDefault> rules() {
        return List.of(
                project("add_image", ADMIN_OR_PROJECT_MEMBER_CREATE_IMAGE, WAS_DEFAULT, "POST " + IMAGES),
                project("delete_image", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "DELETE " + IMAGE),
                project("get_image", ADMIN_OR_PROJECT_READER_GET_IMAGE, WAS_DEFAULT, "GET " + IMAGE),
                project("get_images", ADMIN_OR_PROJECT_READER, WAS_DEFAULT, "GET " + IMAGES),
                project("modify_image", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "PATCH " + IMAGE),
                project("publicize_image", ADMIN, "PATCH " + IMAGE),
                project("communitize_image", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "PATCH " + IMAGE),
                project("download_image", ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE, WAS_DEFAULT, "GET " + FILE),
                project("download_from_store", ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE, "GET " + FILE),
                project("upload_image", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "PUT " + FILE),
                project("delete_image_location", ADMIN, WAS_DEFAULT, "PATCH " + IMAGE),
                project("get_image_location", ADMIN_OR_PROJECT_READER, WAS_DEFAULT, "GET " + IMAGE),
                project("set_image_location", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "PATCH " + IMAGE),
                project("add_image_location", SERVICE_OR_PROJECT_MEMBER, "POST " + IMAGE + "/locations"),
                project("fetch_image_location", SERVICE, "GET " + IMAGE + "/locations"),
                project("add_member", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "POST " + MEMBERS),
                project("delete_member", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "DELETE " + MEMBER),
                project("get_member", ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER, WAS_DEFAULT, "GET " + MEMBER),
                project("get_members", ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER, WAS_DEFAULT, "GET " + MEMBERS),
                project("modify_member", ADMIN_OR_SHARED_MEMBER, WAS_DEFAULT, "PUT " + MEMBER),
                // the cache API's fallback rule, and what the cache_* rules' legacy defaults refer to
                project("manage_image_cache", ADMIN),
                project("deactivate", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "POST " + IMAGE + "/actions/deactivate"),
                project("reactivate", ADMIN_OR_PROJECT_MEMBER, WAS_DEFAULT, "POST " + IMAGE + "/actions/reactivate"),
                project("copy_image", ADMIN, "POST " + IMAGE + "/import"),
                project("list_cached_nodes", ADMIN, "GET /v2/cache/nodes/{image_id}"));
    }
}
