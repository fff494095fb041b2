package org.glancej.images;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.glancej.store.LocationUrls;
import org.glancej.store.StoreRegistry;

/**
 * The one layout of a shown image, written straight to a JSON generator: extra properties, then the base fields in
 * upstream's order, those read from the locations only where configured. A page of 1,000 images then needs no tree
 * of 30,000 nodes; a single image's tree ({@link ImageView#render}) is read back from the same writing.
 */
final class ImageJsonWriter {
    private static final SerializedString IMAGE_SCHEMA = new SerializedString("/v2/schemas/image");
    private static final SerializedString URL = new SerializedString("url");
    private static final SerializedString METADATA = new SerializedString("metadata");

    private final StoreRegistry stores;
    /** Every base field in upstream's order, each with its name encoded once (25,000 names on a 1,000-image page). */
    private final List<Field> fields;
    private final Map<String, Field> byName;

    ImageJsonWriter(boolean showDirectUrl, boolean showLocations, StoreRegistry stores) {
        this.stores = stores;
        this.fields = List.of(
                text("name", Image::name),
                text("disk_format", Image::diskFormat),
                text("container_format", Image::containerFormat),
                text("visibility", image -> image.visibility().wire()),
                number("size", Image::size),
                number("virtual_size", Image::virtualSize),
                text("status", image -> image.status().wire()),
                text("checksum", Image::checksum),
                always("protected", (shown, out) -> out.writeBoolean(shown.image().isProtected())),
                always("min_ram", (shown, out) -> out.writeNumber(shown.image().minRam())),
                always("min_disk", (shown, out) -> out.writeNumber(shown.image().minDisk())),
                text("owner", Image::owner),
                always("os_hidden", (shown, out) -> out.writeBoolean(shown.image().osHidden())),
                text("os_hash_algo", Image::osHashAlgo),
                text("os_hash_value", Image::osHashValue),
                text("id", Image::id),
                text("created_at", image -> ImageView.timestamp(image.createdAt())),
                text("updated_at", image -> ImageView.timestamp(image.updatedAt())),
                new Field("locations", shown -> showLocations, ImageJsonWriter::writeLocations),
                // a URL carrying credentials (S3, Swift) is never shown with them
                new Field("direct_url", shown -> showDirectUrl && !shown.locations().isEmpty(),
                        (shown, out) -> out.writeString(LocationUrls.redacted(shown.locations().getFirst().url()))),
                always("tags", ImageJsonWriter::writeTags),
                always("self", (shown, out) -> out.writeString("/v2/images/" + shown.image().id())),
                always("file", (shown, out) -> out.writeString("/v2/images/" + shown.image().id() + "/file")),
                always("schema", (shown, out) -> out.writeString(IMAGE_SCHEMA)),
                new Field("stores", shown -> !shown.storeIds().isEmpty(),
                        (shown, out) -> out.writeString(shown.storeIds())));
        this.byName = fields.stream().collect(Collectors.toUnmodifiableMap(f -> f.name().getValue(), f -> f));
    }

    void write(Image image, JsonGenerator out) throws IOException {
        Shown shown = shown(image);
        out.writeStartObject();
        Set<Field> early = null;
        for (Map.Entry<String, String> property : image.properties().entrySet()) {
            if (StageHostProxy.HOST_PROPERTIES.contains(property.getKey())) {
                continue; // which node holds staged data is between nodes: upstream's serializer never shows it
            }
            Field field = byName.get(property.getKey());
            if (field != null && field.shows().test(shown)) {
                // upstream's dict keeps such a key where the property put it, with the base field's value
                field.write(shown, out);
                early = early == null ? new HashSet<>() : early;
                early.add(field);
            } else {
                out.writeStringField(property.getKey(), property.getValue());
            }
        }
        for (Field field : fields) {
            if ((early == null || !early.contains(field)) && field.shows().test(shown)) {
                field.write(shown, out);
            }
        }
        out.writeEndObject();
    }

    /** The image's locations, heaviest store first, as upstream sorts them by store weight. */
    List<ImageLocation> byWeight(Image image) {
        if (image.locations().size() < 2) {
            return image.locations();
        }
        return image.locations().stream().sorted(Comparator.comparingLong((ImageLocation l) -> stores.forLocation(
                l.url(), l.metadata()).map(s -> s.weight()).orElse(0L)).reversed()).toList();
    }

    private Shown shown(Image image) {
        List<ImageLocation> locations = byWeight(image);
        String storeIds = !stores.multiStore() ? "" : locations.stream().map(l -> l.metadata().get("store"))
                .filter(Objects::nonNull).map(Object::toString).collect(Collectors.joining(","));
        return new Shown(image, locations, storeIds);
    }

    private static void writeLocations(Shown shown, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (ImageLocation location : shown.locations()) {
            out.writeStartObject();
            out.writeFieldName(URL);
            out.writeString(LocationUrls.redacted(location.url()));
            out.writeFieldName(METADATA);
            out.writeObject(location.metadata());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeTags(Shown shown, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (String tag : shown.image().tags()) {
            out.writeString(tag);
        }
        out.writeEndArray();
    }

    /** An image with what its fields are read from: its locations by weight and, with several stores, their ids. */
    private record Shown(Image image, List<ImageLocation> locations, String storeIds) {}

    /** One base field: its name, encoded once, whether an image shows it, and how its value is written. */
    private record Field(SerializedString name, Predicate<Shown> shows, Value value) {
        Field(String name, Predicate<Shown> shows, Value value) {
            this(new SerializedString(name), shows, value);
        }

        void write(Shown shown, JsonGenerator out) throws IOException {
            out.writeFieldName(name);
            value.write(shown, out);
        }
    }

    @FunctionalInterface
    private interface Value {
        void write(Shown shown, JsonGenerator out) throws IOException;
    }

    private static Field always(String name, Value value) {
        return new Field(name, shown -> true, value);
    }

    /** A text attribute; null is written as JSON null. */
    private static Field text(String name, Function<Image, String> value) {
        return always(name, (shown, out) -> out.writeString(value.apply(shown.image())));
    }

    private static Field number(String name, Function<Image, Long> value) {
        return always(name, (shown, out) -> {
            Long number = value.apply(shown.image());
            if (number == null) {
                out.writeNull();
            } else {
                out.writeNumber(number.longValue());
            }
        });
    }
}
