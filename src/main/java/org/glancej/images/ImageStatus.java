package org.glancej.images;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Image statuses and the transitions upstream's state machine allows between them. */
public enum ImageStatus {
    // in the order of upstream's image schema, which lists them (ImageBaseProperties)
    QUEUED, SAVING, ACTIVE, KILLED, DELETED, UPLOADING, IMPORTING, PENDING_DELETE, DEACTIVATED;

    private static final Map<ImageStatus, Set<ImageStatus>> TRANSITIONS = Map.of(
            QUEUED, EnumSet.of(SAVING, UPLOADING, IMPORTING, ACTIVE, DELETED),
            SAVING, EnumSet.of(ACTIVE, KILLED, DELETED, QUEUED),
            UPLOADING, EnumSet.of(IMPORTING, QUEUED, DELETED),
            IMPORTING, EnumSet.of(ACTIVE, DELETED, QUEUED),
            ACTIVE, EnumSet.of(PENDING_DELETE, DELETED, DEACTIVATED),
            DEACTIVATED, EnumSet.of(ACTIVE, DELETED),
            PENDING_DELETE, EnumSet.of(DELETED, ACTIVE),
            KILLED, EnumSet.of(DELETED),
            DELETED, EnumSet.noneOf(ImageStatus.class));

    public boolean canBecome(ImageStatus next) {
        return TRANSITIONS.get(this).contains(next);
    }

    /** The wire and database spelling, e.g. {@code pending_delete}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
