package org.glancej.policy;

import static org.glancej.policy.GlanceRules.ADMIN;
import static org.glancej.policy.GlanceRules.ADMIN_OR_SERVICE;
import static org.glancej.policy.GlanceRules.DEFAULT;
import static org.glancej.policy.RuleDefault.project;

import java.util.List;
import org.glancej.policy.RuleDefault.Legacy;

/** Task, image cache and store discovery rules (upstream's tasks.py, cache.py and discovery.py). */
final class AdminRules {
    private static final Legacy WAS_MANAGE_IMAGE_CACHE = new Legacy("rule:manage_image_cache");

    private AdminRules() {
    }

    static List<RuleDefault> taskRules() {
        Legacy wasDefault = new Legacy(DEFAULT);
        return List.of(
                // internal: checked when Glance itself creates or reads tasks (import); the API checks
                // tasks_api_access
                project("get_task", DEFAULT, wasDefault, "GET /v2/tasks/{task_id}"),
                project("get_tasks", DEFAULT, wasDefault, "GET /v2/tasks"),
                project("add_task", DEFAULT, wasDefault, "POST /v2/tasks"),
                // never enforced upstream; registered so policy files naming it stay valid
                project("modify_task", DEFAULT, "DELETE /v2/tasks/{task_id}"),
                project("tasks_api_access", ADMIN,
                        "GET /v2/tasks/{task_id}", "GET /v2/tasks", "POST /v2/tasks", "DELETE /v2/tasks/{task_id}"));
    }

    static List<RuleDefault> cacheRules() {
        return List.of(
                project("cache_image", ADMIN, WAS_MANAGE_IMAGE_CACHE, "PUT /v2/cache/{image_id}"),
                project("cache_list", ADMIN, WAS_MANAGE_IMAGE_CACHE, "GET /v2/cache"),
                project("cache_delete", ADMIN, WAS_MANAGE_IMAGE_CACHE, "DELETE /v2/cache", "DELETE /v2/cache/{image_id}"),
                project("cache_clean", ADMIN, "POST /v2/cache/clean"),
                project("cache_prune", ADMIN, "POST /v2/cache/prune"));
    }

    static List<RuleDefault> discoveryRules() {
        return List.of(project("stores_info_detail", ADMIN_OR_SERVICE, new Legacy(ADMIN), "GET /v2/info/stores/detail"));
    }
}
