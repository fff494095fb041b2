package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

/**
 * What a namespace create or update writes: every column the caller controls. A null visibility is stored as
 * {@code private}, as upstream does on create and update alike.
 */
public record NamespaceDraft(String name, String displayName, String description, String visibility,
        boolean isProtected, String owner) {
    public NamespaceDraft {
        requireNonNull(name, "name is null");
        visibility = visibility == null ? "private" : visibility;
    }
}
