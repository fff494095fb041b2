package org.glancej.policy;

import static org.glancej.policy.RuleDefault.base;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every rule upstream Glance (2026.2, 33.x) registers, with its secure-RBAC default, its legacy default and
 * its scope. The check strings are upstream's exactly, built from the same parts, so that operators' policy
 * files and tools that compare against the defaults see the same text. A reference copy of upstream's
 * registered defaults in the test resources is compared with this table.
 */
public final class GlanceRules {
    static final String ADMIN = "rule:context_is_admin";
    static final String DEFAULT = "rule:default";
    static final String SERVICE = "rule:service_api";

    static final String PROJECT_MEMBER = "role:member and project_id:%(project_id)s";
    static final String PROJECT_READER = "role:reader and project_id:%(project_id)s";
    static final String IMAGE_MEMBER = "project_id:%(member_id)s";
    static final String PUBLIC = "'public':%(visibility)s";
    private static final String VISIBLE_TO_ALL = "project_id:%(project_id)s or " + IMAGE_MEMBER
            + " or 'community':%(visibility)s or " + PUBLIC + " or 'shared':%(visibility)s";

    static final String ADMIN_OR_PROJECT_MEMBER = ADMIN + " or (" + PROJECT_MEMBER + ")";
    static final String ADMIN_OR_PROJECT_READER = ADMIN + " or (" + PROJECT_READER + ")";
    static final String ADMIN_OR_PROJECT_READER_GET_IMAGE = ADMIN + " or (role:reader and (" + VISIBLE_TO_ALL + "))";
    static final String ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE =
            ADMIN + " or (role:member and (" + VISIBLE_TO_ALL + "))";
    static final String ADMIN_OR_PROJECT_MEMBER_CREATE_IMAGE =
            ADMIN + " or (" + PROJECT_MEMBER + " and project_id:%(owner)s)";
    static final String ADMIN_OR_PROJECT_READER_GET_NAMESPACE =
            ADMIN + " or (role:reader and (project_id:%(project_id)s or " + PUBLIC + "))";
    static final String ADMIN_OR_SHARED_MEMBER = ADMIN + " or (role:member and " + IMAGE_MEMBER + ")";
    // Upstream writes this one without parentheses; precedence makes it admin or (reader and (...)).
    static final String ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER =
            ADMIN + " or role:reader and (project_id:%(project_id)s or " + IMAGE_MEMBER + ")";
    static final String SERVICE_OR_PROJECT_MEMBER =
            SERVICE + " or (" + PROJECT_MEMBER + " and project_id:%(owner)s)";
    static final String ADMIN_OR_SERVICE = ADMIN + " or " + SERVICE;

    private GlanceRules() {
    }

    /** All registered rules, in upstream's registration order. */
    public static List<RuleDefault> defaults() {
        return Stream.of(baseRules(), ImageRules.rules(), AdminRules.taskRules(), MetadefRules.rules(),
                AdminRules.cacheRules(), AdminRules.discoveryRules()).flatMap(List::stream).toList();
    }

    private static List<RuleDefault> baseRules() {
        return List.of(
                // "" allows; the legacy "admin only" stays reachable with enforce_new_defaults = False
                new RuleDefault("default", "", Optional.of(ADMIN), List.of(), List.of()),
                // what the authenticator asks to decide RequestContext.isAdmin
                base("context_is_admin", "role:admin"),
                // upstream keeps admin here until services send service-role tokens everywhere
                base("service_api", "role:service or role:admin"));
    }
}
