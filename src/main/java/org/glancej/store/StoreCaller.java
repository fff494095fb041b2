package org.glancej.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.glancej.keystone.ServiceCatalog;

/**
 * What a store may need of the user whose request moves the data: stores that keep each project's images in that
 * project's own place (a multi-tenant Swift store) act with the caller's token, in the caller's project, at the
 * endpoint the caller's service catalog names. Stores that keep every image in the service's own place ignore it.
 * The token is a credential and never appears in {@link #toString}.
 *
 * @param authToken the caller's token; null when no user request is behind the call (a periodic sweep)
 * @param roles the token's role names, as a trust on the caller's behalf delegates them
 * @param catalog the token's service catalog; empty when the token was validated without one
 */
public record StoreCaller(String authToken, String userId, String projectId, List<String> roles,
        ServiceCatalog catalog) {
    /** No user request: the service's own work (sweeps, recovery at startup). */
    public static final StoreCaller NONE = new StoreCaller(null, null, null, List.of(), ServiceCatalog.EMPTY);

    public StoreCaller {
        roles = List.copyOf(roles);
        requireNonNull(catalog, "catalog is null");
    }

    public boolean hasToken() {
        return authToken != null && !authToken.isEmpty();
    }

    @Override
    public String toString() {
        return "StoreCaller[user=" + userId + ", project=" + projectId + ", token=" + (hasToken() ? "yes" : "none") + "]";
    }
}
