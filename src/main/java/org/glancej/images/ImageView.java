package org.glancej.images;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.glancej.http.Json;
import org.glancej.store.LocationUrls;
import org.glancej.store.StoreRegistry;

/** An image as the API shows it: extra properties, then base attributes in upstream's order, then links. */
public final class ImageView {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final boolean showDirectUrl;
    private final boolean showLocations;
    private final StoreRegistry stores;
    private final ImageJsonWriter writer;

    public ImageView(boolean showDirectUrl, boolean showLocations, StoreRegistry stores) {
        this.showDirectUrl = showDirectUrl;
        this.showLocations = showLocations;
        this.stores = stores;
        this.writer = new ImageJsonWriter(this, showDirectUrl, showLocations, stores);
    }

    /** Writes the image as {@link #render} shows it, straight to {@code out}: how a list page is written. */
    public void write(Image image, JsonGenerator out) throws IOException {
        writer.write(image, out);
    }

    /**
     * Whether a shown image carries anything read from its locations: the locations themselves
     * ({@code show_multiple_locations}), {@code direct_url} ({@code show_image_direct_url}) or, with several
     * stores, {@code stores} (from the locations' metadata). Without any of them a list page need not read them.
     */
    public boolean showsLocations() {
        return showLocations || showDirectUrl || stores.multiStore();
    }

    /** The image's locations, heaviest store first, as upstream sorts them by store weight. */
    public List<ImageLocation> byWeight(Image image) {
        return image.locations().stream().sorted(Comparator.comparingLong((ImageLocation l) -> stores.forLocation(
                l.url(), l.metadata()).map(s -> s.weight()).orElse(0L)).reversed()).toList();
    }

    public ObjectNode render(Image image) {
        ObjectNode node = Json.object();
        image.properties().forEach((key, value) -> {
            // which node holds staged data is between nodes: upstream's serializer never shows it
            if (!StageHostProxy.HOST_PROPERTIES.contains(key)) {
                node.put(key, value);
            }
        });
        node.put("name", image.name());
        node.put("disk_format", image.diskFormat());
        node.put("container_format", image.containerFormat());
        node.put("visibility", image.visibility().wire());
        node.put("size", image.size());
        node.put("virtual_size", image.virtualSize());
        node.put("status", image.status().wire());
        node.put("checksum", image.checksum());
        node.put("protected", image.isProtected());
        node.put("min_ram", image.minRam());
        node.put("min_disk", image.minDisk());
        node.put("owner", image.owner());
        node.put("os_hidden", image.osHidden());
        node.put("os_hash_algo", image.osHashAlgo());
        node.put("os_hash_value", image.osHashValue());
        node.put("id", image.id());
        node.put("created_at", timestamp(image.createdAt()));
        node.put("updated_at", timestamp(image.updatedAt()));
        List<ImageLocation> locations = byWeight(image);
        if (showLocations) {
            ArrayNode shown = node.putArray("locations");
            for (ImageLocation location : locations) {
                ObjectNode entry = shown.addObject();
                entry.put("url", LocationUrls.redacted(location.url()));
                entry.set("metadata", Json.MAPPER.valueToTree(location.metadata()));
            }
        }
        if (showDirectUrl && !locations.isEmpty()) {
            // a URL carrying credentials (S3, Swift) is never shown with them
            node.put("direct_url", LocationUrls.redacted(locations.getFirst().url()));
        }
        ArrayNode tags = node.putArray("tags");
        image.tags().forEach(tags::add);
        node.put("self", "/v2/images/" + image.id());
        node.put("file", "/v2/images/" + image.id() + "/file");
        node.put("schema", "/v2/schemas/image");
        if (stores.multiStore()) {
            String ids = locations.stream().map(l -> l.metadata().get("store")).filter(Objects::nonNull)
                    .map(Object::toString).collect(Collectors.joining(","));
            if (!ids.isEmpty()) {
                node.put("stores", ids);
            }
        }
        return node;
    }

    /** Upstream's image timestamps: UTC, whole seconds, a literal Z. */
    public static String timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        // two per image, 2,000 on a page of 1,000 images: the pattern formatter's general path costs more
        char[] text = "0000-00-00T00:00:00Z".toCharArray();
        digits(text, 0, 4, t.getYear());
        digits(text, 5, 2, t.getMonthValue());
        digits(text, 8, 2, t.getDayOfMonth());
        digits(text, 11, 2, t.getHour());
        digits(text, 14, 2, t.getMinute());
        digits(text, 17, 2, t.getSecond());
        return new String(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
