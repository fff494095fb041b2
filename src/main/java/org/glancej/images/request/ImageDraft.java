package org.glancej.images.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glancej.common.GlanceException;
import org.glancej.db.ColumnCollation;
import org.glancej.images.Image;
import org.glancej.images.ImageStatus;
import org.glancej.images.Visibility;

/**
 * A mutable working copy of the client-settable part of an image, enforcing upstream's domain rules as each
 * value is set (negative sizes, formats frozen after upload) and its storage rules once all are set.
 * Values arrive already checked against {@link ImageSchema}.
 */
final class ImageDraft {
    private static final BigInteger MAX_DB_INT = BigInteger.valueOf(Integer.MAX_VALUE);
    /** {@code image_properties.value} is a TEXT column: MariaDB/MySQL hold at most this many bytes in it. */
    static final int MAX_PROPERTY_VALUE_BYTES = 65_535;

    ImageStatus status;
    Long size;
    String checksum;
    String osHashAlgo;
    String osHashValue;
    final List<org.glancej.images.ImageLocation> locations = new ArrayList<>();
    String name;
    Visibility visibility = Visibility.SHARED;
    boolean isProtected;
    boolean osHidden;
    BigInteger minDisk = BigInteger.ZERO;
    BigInteger minRam = BigInteger.ZERO;
    String owner;
    String diskFormat;
    String containerFormat;
    final Map<String, String> properties = new LinkedHashMap<>();
    final Set<String> tags = new LinkedHashSet<>();
    /** What the image held before this draft, whose collisions (if an older writer stored any) are let be. */
    private Set<String> storedPropertyNames = Set.of();
    private Set<String> storedTags = Set.of();

    ImageDraft(ImageStatus status) {
        this.status = status;
    }

    static ImageDraft of(Image image) {
        ImageDraft draft = new ImageDraft(image.status());
        draft.size = image.size();
        draft.checksum = image.checksum();
        draft.osHashAlgo = image.osHashAlgo();
        draft.osHashValue = image.osHashValue();
        draft.locations.addAll(image.locations());
        draft.name = image.name();
        draft.visibility = image.visibility();
        draft.isProtected = image.isProtected();
        draft.osHidden = image.osHidden();
        draft.minDisk = BigInteger.valueOf(image.minDisk());
        draft.minRam = BigInteger.valueOf(image.minRam());
        draft.owner = image.owner();
        draft.diskFormat = image.diskFormat();
        draft.containerFormat = image.containerFormat();
        draft.properties.putAll(image.properties());
        draft.tags.addAll(image.tags());
        draft.storedPropertyNames = Set.copyOf(image.properties().keySet());
        draft.storedTags = Set.copyOf(image.tags());
        return draft;
    }

    /** Sets one base attribute from a schema-valid JSON value, as upstream's image setters do. */
    void set(String attribute, JsonNode value) {
        switch (attribute) {
            case "name" -> name = value.isNull() ? null : value.textValue();
            case "visibility" -> visibility = Visibility.parse(value.textValue()).orElseThrow();
            case "protected" -> isProtected = value.booleanValue();
            case "os_hidden" -> osHidden = value.booleanValue();
            case "min_disk" -> minDisk = nonNegative("min_disk", value);
            case "min_ram" -> minRam = nonNegative("min_ram", value);
            case "owner" -> owner = emptyToNull(value);
            case "disk_format" -> diskFormat = format("disk_format", value);
            case "container_format" -> containerFormat = format("container_format", value);
            case "tags" -> {
                tags.clear();
                value.forEach(tag -> tags.add(tag.textValue()));
            }
            default -> throw new IllegalArgumentException("not a settable attribute: " + attribute);
        }
    }

    private static BigInteger nonNegative(String param, JsonNode value) {
        BigInteger number = value.isIntegralNumber() ? value.bigIntegerValue() : value.decimalValue().toBigInteger();
        if (number.signum() < 0) {
            throw GlanceException.badRequest("Invalid value '" + PyRepr.str(value) + "' for parameter '" + param
                    + "': Cannot be a negative value");
        }
        return number;
    }

    private String format(String attribute, JsonNode value) {
        if (status != ImageStatus.QUEUED && status != ImageStatus.IMPORTING) {
            throw GlanceException.forbidden("Attribute " + attribute + " can be only replaced for a queued image.");
        }
        return value.isNull() ? null : value.textValue();
    }

    /** The project id as stored: upstream keeps an empty owner as no owner. */
    static String emptyToNull(JsonNode value) {
        return value.isNull() || value.textValue().isEmpty() ? null : value.textValue();
    }

    /**
     * Upstream's database layer refuses characters outside the Basic Multilingual Plane (its MySQL tables are
     * 3-byte utf8) and sizes that overflow a 32-bit column, checked in this order when the image is saved.
     * Beyond upstream, whose answers here depend on its database: property values too long for a MariaDB TEXT
     * column, and property names or tags that MariaDB's collation cannot tell apart.
     */
    void checkStorable() {
        refuseFourByte("Name", name);
        refuseFourByte("Owner", owner);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (hasFourByte(property.getKey())) {
                throw GlanceException.badRequest("Property names can't contain 4 byte unicode.");
            }
            refuseFourByte(pythonTitle(property.getKey()), property.getValue());
        }
        refuseOverflow("min_disk", minDisk);
        refuseOverflow("min_ram", minRam);
        for (String tag : tags) {
            if (hasFourByte(tag)) {
                throw GlanceException.badRequest("Param values can't contain 4 byte unicode.");
            }
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getValue() != null && utf8Length(property.getValue()) > MAX_PROPERTY_VALUE_BYTES) {
                throw GlanceException.badRequest("Property value of '" + property.getKey() + "' is too long: at most "
                        + MAX_PROPERTY_VALUE_BYTES + " bytes (UTF-8) can be stored.");
            }
        }
        ColumnCollation.refuseCollisions("Property names", List.copyOf(properties.keySet()), storedPropertyNames);
        ColumnCollation.refuseCollisions("Tags", List.copyOf(tags), storedTags);
    }

    /** The length of {@code s} in UTF-8, counting without encoding it (lone surrogates do not reach here). */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static void refuseFourByte(String label, String value) {
        if (value != null && hasFourByte(value)) {
            throw GlanceException.badRequest(label + " can't contain 4 byte unicode characters.");
        }
    }

    private static void refuseOverflow(String param, BigInteger value) {
        if (value.compareTo(MAX_DB_INT) > 0) {
            throw GlanceException.badRequest("'" + param + "' value out of range, must not exceed "
                    + Integer.MAX_VALUE + ".");
        }
    }

    static boolean hasFourByte(String s) {
        return s.codePoints().anyMatch(c -> c > 0xFFFF);
    }

    /** Python's {@code str.title()}: each run of cased letters starts upper case, continues lower case. */
    static String pythonTitle(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            out.appendCodePoint(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
        }
        return out.toString();
    }

    List<String> tagList() {
        return new ArrayList<>(tags);
    }

    /** The draft's values over {@code base}; call only after {@link #checkStorable()}. */
    Image applyTo(Image base) {
        return base.toBuilder().name(name).status(status).visibility(visibility).isProtected(isProtected)
                .osHidden(osHidden).data(size, checksum, osHashAlgo, osHashValue).owner(owner).diskFormat(diskFormat)
                .containerFormat(containerFormat).minDisk(minDisk.intValueExact()).minRam(minRam.intValueExact())
                .properties(properties).tags(tagList()).locations(locations).build();
    }
}
