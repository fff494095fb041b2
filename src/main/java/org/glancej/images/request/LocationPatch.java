package org.glancej.images.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.common.GlanceException;
import org.glancej.images.ImageLocation;
import org.glancej.images.ImageStatus;
import org.glancej.store.LocationUrls;

/**
 * The {@code /locations} operations of an image PATCH ({@code show_multiple_locations}), with upstream's rules:
 * add to a queued or active image (a queued one becomes active, taking its size from the store and its hashes
 * from {@code validation_data}), replace only with the same URLs (metadata may change) unless the image has
 * none, remove from an active image but never its last location.
 */
final class LocationPatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocationPatch() {}

    static void replace(ImageDraft draft, JsonNode value, LocationRules rules) {
        if (value.isArray() && value.isEmpty()) {
            throw GlanceException.forbidden("Cannot set locations to empty list.");
        }
        requireVisible(rules, "update");
        requireStatus(draft, "replace", ImageStatus.ACTIVE, ImageStatus.QUEUED);
        rules.checkSet();
        List<Requested> requested = new ArrayList<>();
        value.forEach(node -> requested.add(Requested.parse(node)));
        Map<String, String> validation = ValidationData.merge(draft, requested.stream().map(Requested::validation).toList(),
                rules.hashingAlgorithm());
        List<String> urls = requested.stream().map(Requested::url).sorted().toList();
        List<String> current = draft.locations.stream().map(ImageLocation::url).sorted().toList();
        if (!draft.locations.isEmpty() && !urls.equals(current)) {
            throw GlanceException.badRequest("Original locations is not empty: " + draft.locations.stream()
                    .map(l -> LocationUrls.redacted(l.url())).toList());
        }
        List<ImageLocation> replaced = new ArrayList<>();
        if (urls.equals(current)) {
            // only metadata changes: the URLs were checked when they were added
            for (Requested r : requested) {
                Map<String, Object> metadata = new LinkedHashMap<>(r.metadata());
                draft.locations.stream().filter(l -> l.url().equals(r.url())).findFirst()
                        .map(l -> l.metadata().get("store")).ifPresent(store -> metadata.putIfAbsent("store", store));
                replaced.add(new ImageLocation(r.url(), metadata, "active"));
            }
        } else {
            rules.checkCount(requested.size());
            for (Requested r : requested) {
                LocationRules.Checked checked = rules.check(r.url(), r.metadata());
                ImageLocation location = new ImageLocation(checked.url(), checked.metadata(), "active");
                if (replaced.stream().anyMatch(l -> l.url().equals(location.url()) && l.metadata().equals(location.metadata()))) {
                    throw duplicate(location.url());
                }
                replaced.add(location);
                if (draft.size == null) {
                    draft.size = checked.size();
                }
            }
        }
        draft.locations.clear();
        draft.locations.addAll(replaced);
        activateIfQueued(draft, validation);
    }

    static void add(ImageDraft draft, String position, JsonNode value, LocationRules rules) {
        requireVisible(rules, "add");
        requireStatus(draft, "add", ImageStatus.ACTIVE, ImageStatus.QUEUED);
        rules.checkSet();
        Requested r = Requested.parse(value);
        Map<String, String> validation = ValidationData.merge(draft, List.of(r.validation()), rules.hashingAlgorithm());
        int at = position(position, draft.locations.size(), true)
                .orElseThrow(() -> GlanceException.badRequest("Invalid position for adding a location."));
        LocationRules.Checked checked = rules.check(r.url(), r.metadata());
        ImageLocation location = new ImageLocation(checked.url(), checked.metadata(), "active");
        if (draft.locations.stream().anyMatch(l -> l.url().equals(location.url()))) {
            throw duplicate(location.url());
        }
        rules.checkCount(draft.locations.size() + 1);
        draft.locations.add(at, location);
        if (draft.size == null) {
            draft.size = checked.size();
        }
        activateIfQueued(draft, validation);
    }

    static void remove(ImageDraft draft, String position, LocationRules rules) {
        requireVisible(rules, "remove");
        requireStatus(draft, "remove", ImageStatus.ACTIVE);
        if (draft.locations.size() == 1) {
            throw GlanceException.forbidden("Cannot remove last location in the image.");
        }
        int at = position(position, draft.locations.size(), false)
                .orElseThrow(() -> GlanceException.badRequest("Invalid position for removing a location."));
        rules.checkDelete();
        draft.locations.remove(at);
    }

    private static void requireVisible(LocationRules rules, String verb) {
        if (!rules.visible()) {
            throw GlanceException.forbidden("It's not allowed to " + verb + " locations if locations are invisible.");
        }
    }

    private static void requireStatus(ImageDraft draft, String verb, ImageStatus... allowed) {
        for (ImageStatus status : allowed) {
            if (draft.status == status) {
                return;
            }
        }
        throw GlanceException.conflict("It's not allowed to " + verb + " locations if image status is "
                + draft.status.wire() + ".");
    }

    private static void activateIfQueued(ImageDraft draft, Map<String, String> validation) {
        if (draft.status != ImageStatus.QUEUED) {
            return;
        }
        if (validation.containsKey("checksum")) {
            draft.checksum = validation.get("checksum");
        }
        if (validation.containsKey("os_hash_algo")) {
            draft.osHashAlgo = validation.get("os_hash_algo");
            draft.osHashValue = validation.get("os_hash_value");
        }
        draft.status = ImageStatus.ACTIVE;
    }

    /** Upstream's position rule: "-" is the end; a number must be inside the list (or its end, for add). */
    private static java.util.Optional<Integer> position(String position, int size, boolean allowEnd) {
        int at = allowEnd ? size : size - 1;
        if (!position.isEmpty() && position.chars().allMatch(Character::isDigit)) {
            if (position.length() > 9) {
                return java.util.Optional.empty();
            }
            at = Integer.parseInt(position);
        } else if (!position.equals("-")) {
            return java.util.Optional.empty();
        }
        if (!allowEnd && (at < 0 || at >= size) || allowEnd && at > size) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(at);
    }

    private static GlanceException duplicate(String url) {
        return GlanceException.badRequest("The location " + LocationUrls.redacted(url) + " already exists");
    }

    /** A location as the client sent it. */
    record Requested(String url, Map<String, Object> metadata, Map<String, JsonNode> validation) {
        static Requested parse(JsonNode node) {
            if (node == null || !node.isObject() || !node.path("url").isTextual() || !node.path("metadata").isObject()) {
                throw GlanceException.badRequest("Invalid location");
            }
            Map<String, Object> metadata = JSON.convertValue(node.get("metadata"),
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
            Map<String, JsonNode> validation = new LinkedHashMap<>();
            JsonNode data = node.get("validation_data");
            if (data != null && !data.isNull()) {
                if (!data.isObject()) {
                    throw GlanceException.badRequest("Invalid validation_data");
                }
                data.properties().forEach(e -> validation.put(e.getKey(), e.getValue()));
            }
            return new Requested(node.get("url").textValue(), metadata, validation);
        }
    }
}
