package org.glancej.images.request;

import java.util.List;
import java.util.Set;
import org.glancej.common.GlanceException;

/** Which image keys clients may set, which are refused, and upstream's words for refusing them. */
final class ImageAttributes {
    private ImageAttributes() {}

    /** Keys a create body may not carry at all; refused before the schema is even checked. */
    static final List<String> CREATE_DISALLOWED = List.of("direct_url", "self", "file", "schema", "stores");

    /** Keys of a create body that are image attributes rather than extra properties. */
    static final Set<String> CREATE_BASE = Set.of(
            "checksum", "created_at", "container_format", "disk_format", "id", "min_disk", "min_ram", "name",
            "size", "virtual_size", "status", "tags", "owner", "updated_at", "visibility", "protected",
            "os_hidden");

    /** Base keys a create body may not set, in the order upstream's image factory checks them. */
    static final List<String> CREATE_READ_ONLY =
            List.of("created_at", "updated_at", "status", "checksum", "size", "virtual_size");

    /** Accepted in a create body (they pass the schema) and then ignored, as upstream does. */
    static final Set<String> CREATE_IGNORED = Set.of("os_hash_algo", "os_hash_value");

    /**
     * Paths PATCH refuses as read-only. Upstream leaves out {@code stores}, which then becomes a settable extra
     * property shadowing the computed one; refusing it matches what create already does.
     */
    static final Set<String> PATCH_READ_ONLY = Set.of(
            "created_at", "updated_at", "status", "checksum", "size", "virtual_size", "direct_url", "self",
            "file", "schema", "id", "os_hash_algo", "os_hash_value", "stores");

    /** Property names nobody may use. */
    static final Set<String> RESERVED = Set.of("location", "deleted", "deleted_at");

    /** Prefix of the properties Glance itself keeps (import locks, staging host, ...). */
    static final String RESERVED_NAMESPACE = "os_glance";

    /** Attributes a PATCH may add or replace but never remove. */
    static final Set<String> MUTABLE_BASE = Set.of(
            "name", "visibility", "protected", "os_hidden", "min_ram", "min_disk", "disk_format",
            "container_format", "owner", "tags");

    static final int MAX_PROPERTY_NAME_LENGTH = 255;

    static boolean isReservedName(String name) {
        return RESERVED.contains(name) || name.startsWith(RESERVED_NAMESPACE);
    }

    static boolean tooLongForPropertyName(String name) {
        return name.codePointCount(0, name.length()) > MAX_PROPERTY_NAME_LENGTH;
    }

    static GlanceException readOnly(String name) {
        return GlanceException.forbidden("Attribute '" + name + "' is read-only.");
    }

    static GlanceException reserved(String name) {
        return GlanceException.forbidden("Attribute '" + name + "' is reserved.");
    }

    static GlanceException propertyNameTooLong() {
        return GlanceException.badRequest("Custom property should not be greater than 255 characters.");
    }
}
