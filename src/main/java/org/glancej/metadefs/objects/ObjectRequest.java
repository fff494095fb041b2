package org.glancej.metadefs.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.glancej.metadefs.MetadefInput;
import org.glancej.metadefs.schema.MetadefSchemas;
import org.glancej.metadefs.schema.PropertyDefinitions;

/**
 * An object create or update body, checked as upstream checks it: read-only attributes (403), the object
 * schema (400), on create each property definition against the property schema too, then normalised.
 *
 * @param required null when the request has none
 * @param properties normalised definitions by name; null when the request has none
 */
record ObjectRequest(String name, String description, List<String> required, ObjectNode properties) {
    private static final List<String> READ_ONLY = List.of("self", "schema", "created_at", "updated_at");

    static ObjectRequest forCreate(JsonNode body, MetadefSchemas schemas) {
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.object(), body);
        body.path("properties").forEach(definition -> MetadefInput.validate(schemas.propertyInObject(), definition));
        return parse(body);
    }

    static ObjectRequest forUpdate(JsonNode body, MetadefSchemas schemas) {
        MetadefInput.refuseReadOnly(body, READ_ONLY);
        MetadefInput.validate(schemas.object(), body);
        return parse(body);
    }

    List<String> requiredOrNone() {
        return required == null ? List.of() : required;
    }

    ObjectNode propertiesOrNone() {
        return properties == null ? new ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance)
                : properties;
    }

    private static ObjectRequest parse(JsonNode body) {
        MetadefInput.requireStorable(body);
        List<String> required = null;
        if (body.has("required") && !body.get("required").isNull()) {
            required = new ArrayList<>();
            for (JsonNode r : body.get("required")) {
                required.add(r.asText());
            }
        }
        ObjectNode properties = null;
        if (body.has("properties") && !body.get("properties").isNull()) {
            properties = PropertyDefinitions.allFromRequest(body.get("properties"));
            MetadefInput.requireText("An object's property definitions", properties.toString());
        }
        JsonNode description = body.get("description");
        String text = description == null || description.isNull() ? null : description.asText();
        MetadefInput.requireText("An object description", text);
        return new ObjectRequest(body.get("name").textValue(), text, required, properties);
    }
}
