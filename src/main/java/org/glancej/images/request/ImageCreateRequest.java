package org.glancej.images.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.glancej.common.GlanceException;
import org.glancej.images.ImageIds;
import org.glancej.images.ImageStatus;
import org.glancej.images.NewImage;
import org.glancej.images.Visibility;

/**
 * The client-settable fields of a {@code POST /v2/images} body, checked with upstream's rules and in upstream's
 * order. Tags are de-duplicated keeping first occurrences; extra properties keep the body's order (a property
 * value is null only where an operator's custom schema allows null).
 *
 * @param id the client-chosen id, or null to have one generated
 * @param visibilityGiven whether the body named a visibility (the visibility policies apply only then)
 * @param ownerGiven whether the body named an owner; if not, the image belongs to the caller's project
 * @param owner the named owner; null if none was named or it was null or empty
 */
public record ImageCreateRequest(
        String id,
        String name,
        Visibility visibility,
        boolean visibilityGiven,
        boolean isProtected,
        boolean osHidden,
        int minDisk,
        int minRam,
        String diskFormat,
        String containerFormat,
        boolean ownerGiven,
        String owner,
        List<String> tags,
        Map<String, String> properties) {

    /**
     * What upstream's {@code add_image} policy, property protections and quotas see, available once the body is
     * well-formed and before the remaining domain rules run (the service checks them at this point).
     *
     * @param extraProperties the names of the body's extra properties, in body order (ignored ones included)
     * @param tagsSent the length of the body's tag list as sent, duplicates included (0 without one)
     */
    public record CreateChecks(boolean ownerGiven, String owner, boolean visibilityGiven, Visibility visibility,
            List<String> extraProperties, int tagsSent) {

        public CreateChecks {
            extraProperties = List.copyOf(extraProperties);
        }
    }

    public ImageCreateRequest {
        requireNonNull(visibility, "visibility is null");
        tags = List.copyOf(tags);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** {@link #parse(JsonNode, ImageSchema, Consumer)} with no policy to apply (no-auth deployments, tests). */
    public static ImageCreateRequest parse(JsonNode body, ImageSchema schema) {
        return parse(body, schema, target -> { });
    }

    /**
     * Reads a create body. Content-Type is not consulted: upstream ignores it.
     *
     * @param body the parsed request body, or null if the request had none
     * @param authorize called between upstream's request checks and its domain checks, so that a body breaking
     *     both gets the error upstream gives; throw a {@link GlanceException} to refuse (e.g. {@link #foreignOwner})
     * @throws GlanceException 400 for a malformed body or schema violation, 403 for read-only or reserved keys
     */
    public static ImageCreateRequest parse(JsonNode body, ImageSchema schema, Consumer<CreateChecks> authorize) {
        ObjectNode document = requireObject(body);
        for (String key : ImageAttributes.CREATE_DISALLOWED) {
            if (document.has(key)) {
                throw ImageAttributes.readOnly(key);
            }
        }
        schema.validate(document);
        document.properties().forEach(field -> {
            String key = field.getKey();
            if (ImageAttributes.CREATE_BASE.contains(key)) {
                return;
            }
            if (ImageAttributes.tooLongForPropertyName(key)) {
                throw ImageAttributes.propertyNameTooLong();
            }
            if (ImageAttributes.isReservedName(key)) {
                throw ImageAttributes.reserved(key);
            }
        });

        boolean ownerGiven = document.has("owner");
        String owner = ownerGiven ? ImageDraft.emptyToNull(document.get("owner")) : null;
        boolean visibilityGiven = document.has("visibility");
        Visibility visibility = visibilityGiven
                ? Visibility.parse(document.get("visibility").textValue()).orElseThrow()
                : Visibility.SHARED;
        List<String> extraProperties = new ArrayList<>();
        document.fieldNames().forEachRemaining(key -> {
            if (!ImageAttributes.CREATE_BASE.contains(key)) {
                extraProperties.add(key);
            }
        });
        int tagsSent = document.has("tags") ? document.get("tags").size() : 0;
        authorize.accept(new CreateChecks(ownerGiven, owner, visibilityGiven, visibility, extraProperties, tagsSent));

        for (String key : ImageAttributes.CREATE_READ_ONLY) {
            if (document.has(key)) {
                throw ImageAttributes.readOnly(key);
            }
        }
        if (document.has("locations")) {
            throw ImageAttributes.reserved("locations");
        }

        ImageDraft draft = new ImageDraft(ImageStatus.QUEUED);
        // upstream's Image constructor order decides which of two bad values is reported
        for (String attribute : List.of("name", "visibility", "os_hidden", "min_disk", "min_ram", "protected",
                "owner", "disk_format", "container_format", "tags")) {
            if (document.has(attribute)) {
                draft.set(attribute, document.get(attribute));
            }
        }
        document.properties().forEach(field -> {
            if (!ImageAttributes.CREATE_BASE.contains(field.getKey())) {
                JsonNode value = field.getValue();
                draft.properties.put(field.getKey(), value.isNull() ? null : PyRepr.str(value));
            }
        });
        // the ignored keys still reach upstream's storage checks before they are dropped
        draft.checkStorable();
        draft.properties.keySet().removeAll(ImageAttributes.CREATE_IGNORED);

        String id = document.has("id") ? ImageIds.canonical(document.get("id").textValue()) : null;
        return new ImageCreateRequest(id, draft.name, visibility, visibilityGiven, draft.isProtected,
                draft.osHidden, draft.minDisk.intValueExact(), draft.minRam.intValueExact(), draft.diskFormat,
                draft.containerFormat, ownerGiven, owner, draft.tagList(), draft.properties);
    }

    /** Upstream's refusal when a caller who is not an admin names another project as owner. */
    public static GlanceException foreignOwner(String owner) {
        return GlanceException.forbidden("You are not permitted to create images owned by '" + owner + "'.");
    }

    /** The service's input; a body-given owner has passed the policy hook by now. */
    public NewImage toNewImage() {
        Optional<Optional<String>> namedOwner = ownerGiven ? Optional.of(Optional.ofNullable(owner)) : Optional.empty();
        return new NewImage(Optional.ofNullable(id), namedOwner, name, visibility, isProtected, osHidden, minDisk, minRam,
                diskFormat, containerFormat, properties, tags);
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        if (body.isArray()) {
            // upstream answers 500 here
            throw GlanceException.badRequest("Request body must be a JSON object.");
        }
        if (!body.isObject()) {
            throw GlanceException.badRequest("Unexpected body type. Expected list/dict.");
        }
        return (ObjectNode) body;
    }
}
