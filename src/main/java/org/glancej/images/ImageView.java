package org.glancej.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
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

    public ImageView(boolean showDirectUrl, boolean showLocations, StoreRegistry stores) {
        this.showDirectUrl = showDirectUrl;
        this.showLocations = showLocations;
        this.stores = stores;
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
        return instant == null ? null : ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
