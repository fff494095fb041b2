package org.glancej.http.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.glancej.common.SchemaNodes.UUID_PATTERN;
import static org.glancej.common.SchemaNodes.object;
import static org.glancej.common.SchemaNodes.strings;
import static org.glancej.common.SchemaNodes.typed;

/** The image member entity's properties, as in upstream's {@code glance/api/v2/image_members.py}. */
final class MemberProperties {
    static final List<String> STATUSES = List.of("pending", "accepted", "rejected");

    private MemberProperties() {}

    static ObjectNode build() {
        ObjectNode p = object();
        p.set("member_id", typed("string")
                .put("description", "An identifier for the image member (tenantId)"));
        p.set("image_id", typed("string").put("description", "An identifier for the image")
                .put("pattern", UUID_PATTERN));
        p.set("created_at", typed("string").put("description", "Date and time of image member creation"));
        p.set("updated_at", typed("string")
                .put("description", "Date and time of last modification of image member"));
        p.set("status", typed("string").put("description", "The status of this image member")
                .set("enum", strings(STATUSES)));
        p.set("schema", object().put("readOnly", true).put("type", "string"));
        return p;
    }
}
