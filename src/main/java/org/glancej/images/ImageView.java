package org.glancej.images;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.glancej.http.Json;
import org.glancej.store.StoreRegistry;

/** An image as the API shows it: extra properties, then base attributes in upstream's order, then links. */
public final class ImageView {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final boolean showsLocations;
    private final ImageJsonWriter writer;

    public ImageView(boolean showDirectUrl, boolean showLocations, StoreRegistry stores) {
        this.showsLocations = showLocations || showDirectUrl || stores.multiStore();
        this.writer = new ImageJsonWriter(showDirectUrl, showLocations, stores);
    }

    /** Writes the image straight to {@code out}: how a list page is written. */
    public void write(Image image, JsonGenerator out) throws IOException {
        writer.write(image, out);
    }

    /** The image as a tree, for a single image's answer: the same writing, read back. */
    public ObjectNode render(Image image) {
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            writer.write(image, buffer);
            return Json.MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer in memory: not expected
        }
    }

    /**
     * Whether a shown image carries anything read from its locations: the locations themselves
     * ({@code show_multiple_locations}), {@code direct_url} ({@code show_image_direct_url}) or, with several
     * stores, {@code stores} (from the locations' metadata). Without any of them a list page need not read them.
     */
    public boolean showsLocations() {
        return showsLocations;
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
