package org.glancej.images.request;

import org.glancej.images.ImageService;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.common.PythonSpace;
import org.glancej.images.Image;
import org.glancej.images.Visibility;
import org.glancej.images.request.PatchOperation.Op;

/**
 * The body of {@code PATCH /v2/images/{id}}: a list of operations in one of the two JSON-patch dialects
 * upstream accepts, checked as upstream does before anything is applied (every operation's syntax, read-only and
 * reserved names, and value schema, operation by operation), then {@linkplain #apply applied} all or nothing.
 */
public final class ImagePatch implements ImageService.ImageChange {
    /** The two media types, the older first. */
    public enum Dialect {
        /** Deprecated draft-04 style, {@code {"replace": "/name", "value": "x"}}; Tempest sends this. */
        V2_0("application/openstack-images-v2.0-json-patch"),
        /** RFC 6902 style, {@code {"op": "replace", "path": "/name", "value": "x"}}; glanceclient and the SDKs. */
        V2_1("application/openstack-images-v2.1-json-patch");

        private final String mediaType;

        Dialect(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** The {@code Accept-Patch} header value sent with a 415. */
    public static final String ACCEPT_PATCH = Dialect.V2_0.mediaType() + ", " + Dialect.V2_1.mediaType();

    private static final String OPERATIONS = "add, remove, replace";

    private final Dialect dialect;
    private final List<PatchOperation> operations;

    public ImagePatch(Dialect dialect, List<PatchOperation> operations) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.operations = List.copyOf(operations);
    }

    public Dialect dialect() {
        return dialect;
    }

    public List<PatchOperation> operations() {
        return operations;
    }

    /** An empty patch changes nothing; upstream then neither checks policy nor saves. */
    @Override
    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /**
     * Reads a PATCH request.
     *
     * @param contentType the request's Content-Type header (parameters are ignored), or null if absent
     * @param body the parsed body, or null if the request had none
     * @throws GlanceException 415 (with {@code Accept-Patch}) for another media type; 400 for a malformed
     *     operation or a value the image schema refuses; 403 for read-only or reserved names
     */
    public static ImagePatch parse(String contentType, JsonNode body, ImageSchema schema) {
        return parse(dialectOf(contentType), body, schema);
    }

    /**
     * Reads a PATCH body once the media type is known. Upstream checks the media type before the body, so a
     * resource that reads the body separately calls {@link #dialectOf} first.
     */
    public static ImagePatch parse(Dialect dialect, JsonNode body, ImageSchema schema) {
        if (body == null || body.isMissingNode()) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        if (!body.isArray() && !body.isObject()) {
            throw GlanceException.badRequest("Unexpected body type. Expected list/dict.");
        }
        if (!body.isArray()) {
            throw GlanceException.badRequest("Request body must be a JSON array of operation objects.");
        }
        List<PatchOperation> operations = new ArrayList<>();
        for (JsonNode raw : body) {
            operations.add(parseOperation(dialect, raw, schema));
        }
        return new ImagePatch(dialect, operations);
    }

    /**
     * The dialect a Content-Type header names (parameters ignored, null for a missing header).
     *
     * @throws GlanceException 415 with {@code Accept-Patch} for any other media type
     */
    public static Dialect dialectOf(String contentType) {
        String mediaType = contentType == null ? "" : PythonSpace.strip(contentType.split(";", 2)[0]);
        if (mediaType.isEmpty()) {
            // upstream's server fills in a missing Content-Type before the check
            mediaType = "text/plain";
        }
        for (Dialect dialect : Dialect.values()) {
            if (dialect.mediaType().equals(mediaType.toLowerCase(Locale.ROOT))) {
                return dialect;
            }
        }
        // upstream's 415 carries no detail: the answer only names the request's media type
        throw new GlanceException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, "", Map.of("Accept-Patch", ACCEPT_PATCH), null);
    }

    private static PatchOperation parseOperation(Dialect dialect, JsonNode raw, ImageSchema schema) {
        if (!raw.isObject()) {
            throw GlanceException.badRequest("Operations must be JSON objects.");
        }
        Op op;
        JsonNode pointer;
        if (dialect == Dialect.V2_1) {
            op = operationV21(raw.get("op"));
            pointer = raw.get("path");
            if (pointer == null) {
                throw GlanceException.badRequest("Unable to find 'path' in JSON Schema change");
            }
        } else {
            op = operationV20(raw);
            pointer = raw.get(op.wire());
        }
        if (!pointer.isTextual()) {
            // upstream answers 500 here
            throw GlanceException.badRequest("Pointer `" + PyRepr.str(pointer) + "` is not a string.");
        }
        List<String> path = PatchPath.decode(pointer.textValue());
        if (path.size() != allowedDepth(op, path.getFirst())) {
            throw GlanceException.badRequest("Invalid JSON pointer for this resource: '/" + String.join("/", path)
                    + "'");
        }
        JsonNode value = null;
        if (op != Op.REMOVE) {
            value = raw.get("value");
            if (value == null) {
                throw GlanceException.badRequest("Operation \"" + op.wire() + "\" requires a member named \"value\".");
            }
        }
        checkTarget(op, path, value, schema);
        return new PatchOperation(op, path, value);
    }

    private static Op operationV21(JsonNode op) {
        if (op == null || op.isNull()) {
            throw GlanceException.badRequest("Unable to find `op` in JSON Schema change. It must be one of the "
                    + "following: " + OPERATIONS + ".");
        }
        for (Op candidate : Op.values()) {
            if (op.isTextual() && op.textValue().equals(candidate.wire())) {
                return candidate;
            }
        }
        throw GlanceException.badRequest("Invalid operation: `" + PyRepr.str(op) + "`. It must be one of the "
                + "following: " + OPERATIONS + ".");
    }

    private static Op operationV20(JsonNode raw) {
        Op found = null;
        for (Op candidate : Op.values()) {
            if (raw.has(candidate.wire())) {
                if (found != null) {
                    throw GlanceException.badRequest("Operation objects must contain only one member named "
                            + "\"add\", \"remove\", or \"replace\".");
                }
                found = candidate;
            }
        }
        if (found == null) {
            throw GlanceException.badRequest("Operation objects must contain exactly one member named "
                    + "\"add\", \"remove\", or \"replace\".");
        }
        return found;
    }

    /** Only {@code /locations/N} (add, remove) goes one level deeper; everything else is a single segment. */
    private static int allowedDepth(Op op, String target) {
        return target.equals("locations") && op != Op.REPLACE ? 2 : 1;
    }

    private static void checkTarget(Op op, List<String> path, JsonNode value, ImageSchema schema) {
        String target = path.getFirst();
        if (ImageAttributes.PATCH_READ_ONLY.contains(target)) {
            throw ImageAttributes.readOnly(target);
        }
        if (ImageAttributes.isReservedName(target)) {
            throw ImageAttributes.reserved(target);
        }
        if (op == Op.REMOVE) {
            return;
        }
        if (path.size() == 1) {
            schema.validateProperty(target, value);
        } else {
            schema.validateProperty(target, JsonNodeFactory.instance.arrayNode().add(value));
        }
        if (!ImageAttributes.MUTABLE_BASE.contains(target) && ImageAttributes.tooLongForPropertyName(target)) {
            // upstream answers 500 here (create already gives this 400)
            throw ImageAttributes.propertyNameTooLong();
        }
    }

    /**
     * Applies every operation to {@code current} in order, returning the changed record, or throws at the first
     * operation that fails, leaving nothing applied. Id, status, checksums, sizes, locations and timestamps are
     * carried over unchanged: stamping {@code updated_at} is the caller's job.
     *
     * @throws GlanceException 403 (removing an attribute, changing formats after upload, owner by a non-admin,
     *     locations while they are hidden, a protected property), 409 (replacing or removing a missing or unreadable
     *     property; v2.0 adding an existing one), 400 (negative or oversized min_disk/min_ram, characters outside
     *     the BMP), or whatever a {@link PatchPermissions} hook throws (413 for the tag quota)
     */
    @Override
    public Image apply(Image current, PatchPermissions permissions) {
        ImageDraft draft = ImageDraft.of(current);
        for (PatchOperation operation : operations) {
            switch (operation.op()) {
                case ADD -> add(draft, operation, permissions);
                case REPLACE -> replace(draft, operation, permissions);
                case REMOVE -> remove(draft, operation, permissions);
            }
        }
        draft.checkStorable();
        return draft.applyTo(current);
    }

    private void replace(ImageDraft draft, PatchOperation operation, PatchPermissions permissions) {
        String target = operation.target();
        JsonNode value = operation.value();
        if (target.equals("locations")) {
            LocationPatch.replace(draft, value, permissions.locations());
            return;
        }
        if (ImageAttributes.MUTABLE_BASE.contains(target)) {
            authorize(target, value, permissions);
            setAttribute(draft, target, value, permissions);
        } else if (draft.properties.containsKey(target) && permissions.canRead(target)) {
            permissions.checkSetProperty(target, true);
            draft.properties.put(target, propertyValue(value));
        } else {
            throw GlanceException.conflict("Property " + target + " does not exist.");
        }
    }

    private void add(ImageDraft draft, PatchOperation operation, PatchPermissions permissions) {
        String target = operation.target();
        JsonNode value = operation.value();
        if (target.equals("locations")) {
            LocationPatch.add(draft, operation.path().size() > 1 ? operation.path().get(1) : "-", value,
                    permissions.locations());
            return;
        }
        boolean isAttribute = ImageAttributes.MUTABLE_BASE.contains(target);
        // upstream asks policy before it looks for a conflict
        authorize(target, value, permissions);
        boolean visible = !isAttribute && draft.properties.containsKey(target) && permissions.canRead(target);
        if (dialect == Dialect.V2_0 && (isAttribute || visible)) {
            throw GlanceException.conflict("Property " + target + " already present.");
        }
        if (isAttribute) {
            setAttribute(draft, target, value, permissions);
        } else {
            permissions.checkSetProperty(target, visible);
            draft.properties.put(target, propertyValue(value));
        }
    }

    private static void remove(ImageDraft draft, PatchOperation operation, PatchPermissions permissions) {
        String target = operation.target();
        if (target.equals("locations")) {
            LocationPatch.remove(draft, operation.path().size() > 1 ? operation.path().get(1) : "",
                    permissions.locations());
            return;
        }
        if (ImageAttributes.MUTABLE_BASE.contains(target)) {
            throw GlanceException.forbidden("Property " + target + " may not be removed.");
        }
        if (!draft.properties.containsKey(target) || !permissions.canRead(target)) {
            throw GlanceException.conflict("Property " + target + " does not exist.");
        }
        permissions.checkRemoveProperty(target);
        draft.properties.remove(target);
    }

    /** Upstream's tag quota sits in the image's tag setter: it sees the list as sent. */
    private static void setAttribute(ImageDraft draft, String attribute, JsonNode value, PatchPermissions permissions) {
        if (attribute.equals("tags")) {
            permissions.checkTags(value.size());
        }
        draft.set(attribute, value);
    }

    private static void authorize(String attribute, JsonNode value, PatchPermissions permissions) {
        // upstream checks this on replace only, so a non-admin could take over an image with "add": not here
        if (attribute.equals("owner") && !permissions.isAdmin()) {
            throw GlanceException.forbidden("Owner can't be updated by non admin.");
        }
        if (attribute.equals("visibility")) {
            permissions.checkVisibility(Visibility.parse(value.textValue()).orElseThrow());
        }
    }

    private static String propertyValue(JsonNode value) {
        return value.isNull() ? null : PyRepr.str(value);
    }
}
