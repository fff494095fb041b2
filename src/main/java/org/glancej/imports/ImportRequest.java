package org.glancej.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glancej.common.GlanceException;

/**
 * A {@code POST /v2/images/{id}/import} body as upstream's deserializer checks it: a {@code method} with an
 * enabled {@code name}, and boolean {@code all_stores} and {@code all_stores_must_succeed} (default true).
 *
 * @param body the body as sent, recorded in the task's input as upstream's {@code import_req}
 * @param stores the {@code stores} list, if given
 */
public record ImportRequest(ObjectNode body, String method, Optional<String> uri, Optional<List<String>> stores,
        boolean allStores, boolean allStoresMustSucceed) {

    public static ImportRequest parse(JsonNode json, ImportMethods methods) {
        if (json == null || !json.isObject()) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        ObjectNode body = (ObjectNode) json;
        JsonNode method = body.get("method");
        if (method == null) {
            throw GlanceException.badRequest("Import request requires a 'method' field.");
        }
        if (!method.isObject() || !method.has("name")) {
            throw GlanceException.badRequest("Import request requires a 'name' field.");
        }
        String name = method.get("name").isTextual() ? method.get("name").asText() : method.get("name").toString();
        if (!methods.isEnabled(name)) {
            throw GlanceException.badRequest("Unknown import method name '" + name + "'.");
        }
        JsonNode mustSucceed = body.get("all_stores_must_succeed");
        if (mustSucceed != null && !mustSucceed.isBoolean()) {
            throw GlanceException.badRequest("'all_stores_must_succeed' must be boolean value only");
        }
        JsonNode allStores = body.get("all_stores");
        if (allStores != null && !allStores.isBoolean()) {
            throw GlanceException.badRequest("'all_stores' must be boolean value only");
        }
        Optional<List<String>> stores = Optional.empty();
        JsonNode listed = body.get("stores");
        if (listed != null) {
            if (!listed.isArray()) {
                throw GlanceException.badRequest("'stores' must be a list of store identifiers");
            }
            List<String> ids = new ArrayList<>();
            listed.forEach(s -> ids.add(s.isTextual() ? s.asText() : s.toString()));
            stores = Optional.of(List.copyOf(ids));
        }
        JsonNode uri = method.get("uri");
        return new ImportRequest(body, name, uri != null && uri.isTextual() ? Optional.of(uri.asText())
                : Optional.empty(), stores, allStores != null && allStores.asBoolean(),
                mustSucceed == null || mustSucceed.asBoolean());
    }

    public ObjectNode methodNode() {
        return (ObjectNode) body.get("method");
    }

    public boolean isCopy() {
        return method.equals(ImportMethods.COPY_IMAGE);
    }

    /** web-download or glance-download: the data is fetched from elsewhere into staging first. */
    public boolean isDownload() {
        return method.equals(ImportMethods.WEB_DOWNLOAD) || method.equals(ImportMethods.GLANCE_DOWNLOAD);
    }
}
