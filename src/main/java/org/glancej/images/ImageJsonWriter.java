package org.glancej.images;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.glancej.store.LocationUrls;
import org.glancej.store.StoreRegistry;

/**
 * Writes an image as {@link ImageView#render} shows it, field for field and byte for byte, straight to a JSON
 * generator: a page of 1,000 images then needs no tree of 30,000 nodes, built and walked again to serialise it.
 * {@code ImageJsonWriterTest} holds the two to the same bytes.
 */
final class ImageJsonWriter {
    /** Fields written after the extra properties; a property of one of these names sits where the tree puts it. */
    private static final Set<String> BASE_FIELDS = Set.of("name", "disk_format", "container_format", "visibility",
            "size", "virtual_size", "status", "checksum", "protected", "min_ram", "min_disk", "owner", "os_hidden",
            "os_hash_algo", "os_hash_value", "id", "created_at", "updated_at", "locations", "direct_url", "tags",
            "self", "file", "schema", "stores");

    // the fixed field names, encoded once: 25,000 of them on a page of 1,000 images
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString DISK_FORMAT = new SerializedString("disk_format");
    private static final SerializedString CONTAINER_FORMAT = new SerializedString("container_format");
    private static final SerializedString VISIBILITY = new SerializedString("visibility");
    private static final SerializedString SIZE = new SerializedString("size");
    private static final SerializedString VIRTUAL_SIZE = new SerializedString("virtual_size");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString CHECKSUM = new SerializedString("checksum");
    private static final SerializedString PROTECTED = new SerializedString("protected");
    private static final SerializedString MIN_RAM = new SerializedString("min_ram");
    private static final SerializedString MIN_DISK = new SerializedString("min_disk");
    private static final SerializedString OWNER = new SerializedString("owner");
    private static final SerializedString OS_HIDDEN = new SerializedString("os_hidden");
    private static final SerializedString OS_HASH_ALGO = new SerializedString("os_hash_algo");
    private static final SerializedString OS_HASH_VALUE = new SerializedString("os_hash_value");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString CREATED_AT = new SerializedString("created_at");
    private static final SerializedString UPDATED_AT = new SerializedString("updated_at");
    private static final SerializedString LOCATIONS = new SerializedString("locations");
    private static final SerializedString URL = new SerializedString("url");
    private static final SerializedString METADATA = new SerializedString("metadata");
    private static final SerializedString DIRECT_URL = new SerializedString("direct_url");
    private static final SerializedString TAGS = new SerializedString("tags");
    private static final SerializedString SELF = new SerializedString("self");
    private static final SerializedString FILE = new SerializedString("file");
    private static final SerializedString SCHEMA = new SerializedString("schema");
    private static final SerializedString STORES = new SerializedString("stores");

    private final ImageView view;
    private final boolean showDirectUrl;
    private final boolean showLocations;
    private final StoreRegistry stores;

    ImageJsonWriter(ImageView view, boolean showDirectUrl, boolean showLocations, StoreRegistry stores) {
        this.view = view;
        this.showDirectUrl = showDirectUrl;
        this.showLocations = showLocations;
        this.stores = stores;
    }

    void write(Image image, JsonGenerator out) throws IOException {
        Map<String, String> properties = image.properties();
        for (String key : properties.keySet()) {
            if (BASE_FIELDS.contains(key)) {
                // the tree keeps such a key where the property put it, with the attribute's value: rare, so reuse it
                out.writeTree(view.render(image));
                return;
            }
        }
        out.writeStartObject();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (!StageHostProxy.HOST_PROPERTIES.contains(property.getKey())) {
                out.writeStringField(property.getKey(), property.getValue());
            }
        }
        writeString(out, NAME, image.name());
        writeString(out, DISK_FORMAT, image.diskFormat());
        writeString(out, CONTAINER_FORMAT, image.containerFormat());
        writeString(out, VISIBILITY, image.visibility().wire());
        writeLong(out, SIZE, image.size());
        writeLong(out, VIRTUAL_SIZE, image.virtualSize());
        writeString(out, STATUS, image.status().wire());
        writeString(out, CHECKSUM, image.checksum());
        writeBoolean(out, PROTECTED, image.isProtected());
        writeInt(out, MIN_RAM, image.minRam());
        writeInt(out, MIN_DISK, image.minDisk());
        writeString(out, OWNER, image.owner());
        writeBoolean(out, OS_HIDDEN, image.osHidden());
        writeString(out, OS_HASH_ALGO, image.osHashAlgo());
        writeString(out, OS_HASH_VALUE, image.osHashValue());
        writeString(out, ID, image.id());
        writeString(out, CREATED_AT, ImageView.timestamp(image.createdAt()));
        writeString(out, UPDATED_AT, ImageView.timestamp(image.updatedAt()));
        List<ImageLocation> locations = image.locations().size() > 1 ? view.byWeight(image) : image.locations();
        if (showLocations) {
            out.writeFieldName(LOCATIONS);
            out.writeStartArray();
            for (ImageLocation location : locations) {
                out.writeStartObject();
                writeString(out, URL, LocationUrls.redacted(location.url()));
                out.writeFieldName(METADATA);
                out.writeObject(location.metadata());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (showDirectUrl && !locations.isEmpty()) {
            writeString(out, DIRECT_URL, LocationUrls.redacted(locations.getFirst().url()));
        }
        out.writeFieldName(TAGS);
        out.writeStartArray();
        for (String tag : image.tags()) {
            out.writeString(tag);
        }
        out.writeEndArray();
        writeString(out, SELF, "/v2/images/" + image.id());
        writeString(out, FILE, "/v2/images/" + image.id() + "/file");
        writeString(out, SCHEMA, "/v2/schemas/image");
        if (stores.multiStore()) {
            String ids = locations.stream().map(l -> l.metadata().get("store")).filter(Objects::nonNull)
                    .map(Object::toString).collect(Collectors.joining(","));
            if (!ids.isEmpty()) {
                writeString(out, STORES, ids);
            }
        }
        out.writeEndObject();
    }

    private static void writeString(JsonGenerator out, SerializedString field, String value) throws IOException {
        out.writeFieldName(field);
        out.writeString(value);
    }

    private static void writeBoolean(JsonGenerator out, SerializedString field, boolean value) throws IOException {
        out.writeFieldName(field);
        out.writeBoolean(value);
    }

    private static void writeInt(JsonGenerator out, SerializedString field, int value) throws IOException {
        out.writeFieldName(field);
        out.writeNumber(value);
    }

    private static void writeLong(JsonGenerator out, SerializedString field, Long value) throws IOException {
        out.writeFieldName(field);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value.longValue());
        }
    }
}
