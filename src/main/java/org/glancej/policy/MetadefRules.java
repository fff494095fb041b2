package org.glancej.policy;

import static org.glancej.policy.GlanceRules.ADMIN;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_READER;
import static org.glancej.policy.GlanceRules.ADMIN_OR_PROJECT_READER_GET_NAMESPACE;
import static org.glancej.policy.RuleDefault.base;
import static org.glancej.policy.RuleDefault.project;

import java.util.List;
import org.glancej.policy.RuleDefault.Legacy;

/** Metadata definition catalog rules (upstream's glance/policies/metadef.py): reads for readers, writes for admins. */
final class MetadefRules {
    private static final String METADEF_ADMIN = "rule:metadef_admin";
    private static final Legacy WAS_METADEF_DEFAULT = new Legacy("rule:metadef_default");
    // Reading anything inside a namespace: the namespace's owner project, or anyone if it is public.
    private static final String READ = ADMIN_OR_PROJECT_READER_GET_NAMESPACE;

    private static final String NAMESPACES = "/v2/metadefs/namespaces";
    private static final String NAMESPACE = NAMESPACES + "/{namespace_name}";
    private static final String OBJECTS = NAMESPACE + "/objects";
    private static final String RESOURCE_TYPES = NAMESPACE + "/resource_types";
    private static final String PROPERTIES = NAMESPACE + "/properties";
    private static final String TAGS = NAMESPACE + "/tags";

    private MetadefRules() {
    }

    static List<RuleDefault> rules() {
        return List.of(
                base("metadef_default", ""),
                base("metadef_admin", ADMIN),
                project("get_metadef_namespace", READ, WAS_METADEF_DEFAULT, "GET " + NAMESPACE),
                project("get_metadef_namespaces", ADMIN_OR_PROJECT_READER, WAS_METADEF_DEFAULT, "GET " + NAMESPACES),
                project("modify_metadef_namespace", METADEF_ADMIN, "PUT " + NAMESPACE),
                project("add_metadef_namespace", METADEF_ADMIN, "POST " + NAMESPACES),
                project("delete_metadef_namespace", METADEF_ADMIN, "DELETE " + NAMESPACE),
                project("get_metadef_object", READ, WAS_METADEF_DEFAULT, "GET " + OBJECTS + "/{object_name}"),
                project("get_metadef_objects", READ, WAS_METADEF_DEFAULT, "GET " + OBJECTS),
                project("modify_metadef_object", METADEF_ADMIN, "PUT " + OBJECTS + "/{object_name}"),
                project("add_metadef_object", METADEF_ADMIN, "POST " + OBJECTS),
                project("delete_metadef_object", METADEF_ADMIN, "DELETE " + OBJECTS + "/{object_name}"),
                project("list_metadef_resource_types", READ, WAS_METADEF_DEFAULT, "GET /v2/metadefs/resource_types"),
                project("get_metadef_resource_type", READ, WAS_METADEF_DEFAULT, "GET " + RESOURCE_TYPES),
                project("add_metadef_resource_type_association", METADEF_ADMIN, "POST " + RESOURCE_TYPES),
                project("remove_metadef_resource_type_association", METADEF_ADMIN,
                        "DELETE " + RESOURCE_TYPES + "/{name}"),
                project("get_metadef_property", READ, WAS_METADEF_DEFAULT, "GET " + PROPERTIES + "/{property_name}"),
                project("get_metadef_properties", READ, WAS_METADEF_DEFAULT, "GET " + PROPERTIES),
                project("modify_metadef_property", METADEF_ADMIN, "PUT " + PROPERTIES + "/{property_name}"),
                project("add_metadef_property", METADEF_ADMIN, "POST " + PROPERTIES),
                project("remove_metadef_property", METADEF_ADMIN, "DELETE " + PROPERTIES + "/{property_name}"),
                project("get_metadef_tag", READ, WAS_METADEF_DEFAULT, "GET " + TAGS + "/{tag_name}"),
                project("get_metadef_tags", READ, WAS_METADEF_DEFAULT, "GET " + TAGS),
                project("modify_metadef_tag", METADEF_ADMIN, "PUT " + TAGS + "/{tag_name}"),
                project("add_metadef_tag", METADEF_ADMIN, "POST " + TAGS + "/{tag_name}"),
                project("add_metadef_tags", METADEF_ADMIN, "POST " + TAGS),
                project("delete_metadef_tag", METADEF_ADMIN, "DELETE " + TAGS + "/{tag_name}"),
                project("delete_metadef_tags", METADEF_ADMIN, "DELETE " + TAGS));
    }
}
