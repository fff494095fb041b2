package org.glancej.images;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.glancej.store.LocationUrls;
import org.glancej.store.StoreRegistry;

/**
 * Writes an image as {@link ImageView#render} shows it, field for field and byte for byte, straight to a JSON
 * generator: a page of 1,000 images then needs no tree of 30,000 nodes, built and walked again to serialise it.
 * {@code ImageJsonWriterTest} holds the two to the same bytes.
 */
final class ImageJsonWriter {
    /**
     * The base attributes in upstream's order, each with its name encoded once (25,000 names on a page of 1,000
     * images): the one list of them, which the writing follows.
     */
    private static final List<Field> ATTRIBUTES = List.of(
            text("name", Image::name),
            text("disk_format", Image::diskFormat),
            text("container_format", Image::containerFormat),
            text("visibility", image -> image.visibility().wire()),
            number("size", Image::size),
            number("virtual_size", Image::virtualSize),
            text("status", image -> image.status().wire()),
            text("checksum", Image::checksum),
            new Field("protected", (image, out) -> out.writeBoolean(image.isProtected())),
            new Field("min_ram", (image, out) -> out.writeNumber(image.minRam())),
            new Field("min_disk", (image, out) -> out.writeNumber(image.minDisk())),
            text("owner", Image::owner),
            new Field("os_hidden", (image, out) -> out.writeBoolean(image.osHidden())),
            text("os_hash_algo", Image::osHashAlgo),
            text("os_hash_value", Image::osHashValue),
            text("id", Image::id),
            text("created_at", image -> ImageView.timestamp(image.createdAt())),
            text("updated_at", image -> ImageView.timestamp(image.updatedAt())));
    // the fields after the attributes, written in this order where the image has them
    private static final SerializedString LOCATIONS = new SerializedString("locations");
    private static final SerializedString DIRECT_URL = new SerializedString("direct_url");
    private static final SerializedString TAGS = new SerializedString("tags");
    private static final SerializedString SELF = new SerializedString("self");
    private static final SerializedString FILE = new SerializedString("file");
    private static final SerializedString SCHEMA = new SerializedString("schema");
    private static final SerializedString STORES = new SerializedString("stores");
    private static final SerializedString IMAGE_SCHEMA = new SerializedString("/v2/schemas/image");
    // inside a location
    private static final SerializedString URL = new SerializedString("url");
    private static final SerializedString METADATA = new SerializedString("metadata");

    /** Fields written after the extra properties; a property of one of these names sits where the tree puts it. */
    private static final Set<String> BASE_FIELDS = Stream.concat(ATTRIBUTES.stream().map(f -> f.name().getValue()),
            Stream.of(LOCATIONS, DIRECT_URL, TAGS, SELF, FILE, SCHEMA, STORES).map(SerializedString::getValue))
            .collect(Collectors.toUnmodifiableSet());

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
        for (Field attribute : ATTRIBUTES) {
            out.writeFieldName(attribute.name());
            attribute.value().write(image, out);
        }
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
        out.writeFieldName(SCHEMA);
        out.writeString(IMAGE_SCHEMA);
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

    /** One base attribute: its name, encoded once, and how its value is written. */
    private record Field(SerializedString name, Value value) {
        Field(String name, Value value) {
            this(new SerializedString(name), value);
        }
    }

    @FunctionalInterface
    private interface Value {
        void write(Image image, JsonGenerator out) throws IOException;
    }

    /** A text attribute; null is written as JSON null. */
    private static Field text(String name, Function<Image, String> value) {
        return new Field(name, (image, out) -> out.writeString(value.apply(image)));
    }

    private static Field number(String name, Function<Image, Long> value) {
        return new Field(name, (image, out) -> {
            Long number = value.apply(image);
            if (number == null) {
                out.writeNull();
            } else {
                out.writeNumber(number.longValue());
            }
        });
    }
}
