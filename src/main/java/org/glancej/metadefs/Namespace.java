package org.glancej.metadefs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A row of {@code metadef_namespaces}. {@code visibility} and {@code isProtected} read as upstream reads them:
 * a missing visibility is private, a missing protected flag is false.
 *
 * @param id the row id, never shown by the API
 * @param owner the owning project; null for namespaces loaded without one
 */
public record Namespace(int id, String name, String displayName, String description, String visibility,
        boolean isProtected, String owner, Instant createdAt, Instant updatedAt) {
    public Namespace {
        requireNonNull(name, "name is null");
        visibility = visibility == null ? "private" : visibility;
    }

    public boolean isPublic() {
        return "public".equals(visibility);
    }
}
