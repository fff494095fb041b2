package org.glancej.images;

import com.fasterxml.jackson.core.JsonGenerator;
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
        out.writeStringField("name", image.name());
        out.writeStringField("disk_format", image.diskFormat());
        out.writeStringField("container_format", image.containerFormat());
        out.writeStringField("visibility", image.visibility().wire());
        writeLong(out, "size", image.size());
        writeLong(out, "virtual_size", image.virtualSize());
        out.writeStringField("status", image.status().wire());
        out.writeStringField("checksum", image.checksum());
        out.writeBooleanField("protected", image.isProtected());
        out.writeNumberField("min_ram", image.minRam());
        out.writeNumberField("min_disk", image.minDisk());
        out.writeStringField("owner", image.owner());
        out.writeBooleanField("os_hidden", image.osHidden());
        out.writeStringField("os_hash_algo", image.osHashAlgo());
        out.writeStringField("os_hash_value", image.osHashValue());
        out.writeStringField("id", image.id());
        out.writeStringField("created_at", ImageView.timestamp(image.createdAt()));
        out.writeStringField("updated_at", ImageView.timestamp(image.updatedAt()));
        List<ImageLocation> locations = image.locations().size() > 1 ? view.byWeight(image) : image.locations();
        if (showLocations) {
            out.writeArrayFieldStart("locations");
            for (ImageLocation location : locations) {
                out.writeStartObject();
                out.writeStringField("url", LocationUrls.redacted(location.url()));
                out.writeFieldName("metadata");
                out.writeObject(location.metadata());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (showDirectUrl && !locations.isEmpty()) {
            out.writeStringField("direct_url", LocationUrls.redacted(locations.getFirst().url()));
        }
        out.writeArrayFieldStart("tags");
        for (String tag : image.tags()) {
            out.writeString(tag);
        }
        out.writeEndArray();
        out.writeStringField("self", "/v2/images/" + image.id());
        out.writeStringField("file", "/v2/images/" + image.id() + "/file");
        out.writeStringField("schema", "/v2/schemas/image");
        if (stores.multiStore()) {
            String ids = locations.stream().map(l -> l.metadata().get("store")).filter(Objects::nonNull)
                    .map(Object::toString).collect(Collectors.joining(","));
            if (!ids.isEmpty()) {
                out.writeStringField("stores", ids);
            }
        }
        out.writeEndObject();
    }

    private static void writeLong(JsonGenerator out, String field, Long value) throws IOException {
        if (value == null) {
            out.writeNullField(field);
        } else {
            out.writeNumberField(field, value.longValue());
        }
    }
}
