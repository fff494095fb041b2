package org.glancej.members;

import com.fasterxml.jackson.databind.JsonNode;
import org.glancej.common.GlanceException;

/** The two request bodies of the sharing API, checked as upstream's deserializer checks them, in its order. */
final class MemberRequests {
    private MemberRequests() {}

    /**
     * {@code {"member": "<project id>"}}. Upstream also takes a number or another JSON value and stores its
     * text; a member id is a project id, so anything but a string is refused here.
     */
    static String memberId(JsonNode body) {
        JsonNode member = field(body, "member", "Expected a member in the form: {\"member\": \"image_id\"}",
                "Member to be added not specified");
        if (isFalsy(member)) {
            throw GlanceException.badRequest("Member can't be empty");
        }
        if (!member.isTextual()) {
            throw GlanceException.badRequest("Expected a member in the form: {\"member\": \"image_id\"}");
        }
        return member.textValue();
    }

    /**
     * {@code {"status": "..."}}: the status as sent, or null when it is not a string. Its value is judged by
     * the service, after the permission checks, as upstream does.
     */
    static String status(JsonNode body) {
        JsonNode status = field(body, "status", "Expected a status in the form: {\"status\": \"status\"}",
                "Status not specified");
        return status.isTextual() ? status.textValue() : null;
    }

    private static JsonNode field(JsonNode body, String name, String notAnObject, String missing) {
        if (!body.isObject() && !body.isArray()) {
            throw GlanceException.badRequest("Unexpected body type. Expected list/dict.");
        }
        if (body.isArray()) {
            throw GlanceException.badRequest(notAnObject);
        }
        JsonNode value = body.get(name);
        if (value == null) {
            throw GlanceException.badRequest(missing);
        }
        return value;
    }

    /** Python's truth test, which upstream applies to the member value. */
    private static boolean isFalsy(JsonNode value) {
        return value.isNull()
                || (value.isTextual() && value.textValue().isEmpty())
                || (value.isNumber() && value.doubleValue() == 0)
                || (value.isBoolean() && !value.booleanValue())
                || (value.isContainerNode() && value.isEmpty());
    }
}
