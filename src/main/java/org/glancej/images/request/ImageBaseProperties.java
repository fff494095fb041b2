package org.glancej.images.request;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glancej.images.ImageStatus;

import static org.glancej.common.SchemaNodes.UUID_PATTERN;
import static org.glancej.common.SchemaNodes.nullOr;
import static org.glancej.common.SchemaNodes.nullable;
import static org.glancej.common.SchemaNodes.object;
import static org.glancej.common.SchemaNodes.readOnly;
import static org.glancej.common.SchemaNodes.readOnlyNullable;
import static org.glancej.common.SchemaNodes.strings;
import static org.glancej.common.SchemaNodes.typed;

/**
 * The image entity's base properties, as in upstream's {@code glance/api/v2/images.py}
 * {@code get_base_properties()} (unchanged from Zed through 2026.2): names, types, enums, patterns,
 * {@code readOnly} flags and descriptions are the API contract. The one source of the served schema
 * ({@code GET /v2/schemas/image}) and of the validator ({@link ImageSchema} reads its keywords from it).
 * Only the two format enums depend on configuration ({@code [image_format]}).
 */
public final class ImageBaseProperties {
    /** In {@link ImageStatus}'s order, which is upstream's. */
    static final List<String> STATUSES = Arrays.stream(ImageStatus.values()).map(ImageStatus::wire).toList();
    static final List<String> VISIBILITIES = List.of("community", "public", "private", "shared");

    /** The image document's own fields: never properties, whatever prefix names them (os_hidden, os_hash_value). */
    public static final Set<String> NAMES = Set.copyOf(
            build(List.of(), List.of()).properties().stream().map(Map.Entry::getKey).toList());

    private ImageBaseProperties() {}

    public static ObjectNode build(List<String> diskFormats, List<String> containerFormats) {
        ObjectNode p = object();
        p.set("id", typed("string").put("description", "An identifier for the image")
                .put("pattern", UUID_PATTERN));
        p.set("name", nullable("string").put("description", "Descriptive name for the image")
                .put("maxLength", 255));
        p.set("status", readOnly("string").put("description", "Status of the image")
                .set("enum", strings(STATUSES)));
        p.set("visibility", typed("string").put("description", "Scope of image accessibility")
                .set("enum", strings(VISIBILITIES)));
        p.set("protected", typed("boolean")
                .put("description", "If true, image will not be deletable."));
        p.set("os_hidden", typed("boolean")
                .put("description", "If true, image will not appear in default image list response."));
        p.set("checksum", readOnlyNullable("string").put("description", "md5 hash of image contents.")
                .put("maxLength", 32));
        p.set("os_hash_algo", readOnlyNullable("string")
                .put("description", "Algorithm to calculate the os_hash_value").put("maxLength", 64));
        p.set("os_hash_value", readOnlyNullable("string")
                .put("description", "Hexdigest of the image contents using the algorithm specified by the os_hash_algo")
                .put("maxLength", 128));
        p.set("owner", nullable("string").put("description", "Owner of the image").put("maxLength", 255));
        p.set("size", readOnlyNullable("integer").put("description", "Size of image file in bytes"));
        p.set("virtual_size", readOnlyNullable("integer").put("description", "Virtual size of image in bytes"));
        p.set("container_format", nullable("string").put("description", "Format of the container")
                .set("enum", nullOr(containerFormats)));
        p.set("disk_format", nullable("string").put("description", "Format of the disk")
                .set("enum", nullOr(diskFormats)));
        p.set("created_at", readOnly("string").put("description", "Date and time of image registration"));
        p.set("updated_at", readOnly("string")
                .put("description", "Date and time of the last image modification"));
        ObjectNode tags = typed("array").put("description", "List of strings related to the image");
        tags.set("items", typed("string").put("maxLength", 255));
        p.set("tags", tags);
        p.set("direct_url", readOnly("string")
                .put("description", "URL to access the image file kept in external store"));
        p.set("min_ram", typed("integer").put("description", "Amount of ram (in MB) required to boot image."));
        p.set("min_disk", typed("integer")
                .put("description", "Amount of disk space (in GB) required to boot image."));
        p.set("self", readOnly("string").put("description", "An image self url"));
        p.set("file", readOnly("string").put("description", "An image file url"));
        p.set("stores", readOnly("string").put("description", "Store in which image data resides.  "
                + "Only present when the operator has enabled multiple stores.  "
                + "May be a comma-separated list of store identifiers."));
        p.set("schema", readOnly("string").put("description", "An image schema url"));
        p.set("locations", locations());
        return p;
    }

    private static ObjectNode locations() {
        ObjectNode itemProperties = object();
        itemProperties.set("url", typed("string").put("maxLength", 255));
        itemProperties.set("metadata", typed("object"));
        itemProperties.set("validation_data", validationData());
        ObjectNode item = typed("object");
        item.set("properties", itemProperties);
        item.set("required", strings(List.of("url", "metadata")));
        ObjectNode locations = typed("array");
        locations.set("items", item);
        return locations.put("description", "A set of URLs to access the image file kept in external store");
    }

    private static ObjectNode validationData() {
        ObjectNode properties = object();
        properties.set("checksum", typed("string").put("minLength", 32).put("maxLength", 32));
        properties.set("os_hash_algo", typed("string").put("maxLength", 64));
        properties.set("os_hash_value", typed("string").put("maxLength", 128));
        ObjectNode validation = object()
                .put("description", "Values to be used to populate the corresponding image properties. "
                        + "If the image status is not 'queued', values must exactly match those already "
                        + "contained in the image properties.")
                .put("type", "object")
                .put("writeOnly", true)
                .put("additionalProperties", false);
        validation.set("properties", properties);
        validation.set("required", strings(List.of("os_hash_algo", "os_hash_value")));
        return validation;
    }
}
