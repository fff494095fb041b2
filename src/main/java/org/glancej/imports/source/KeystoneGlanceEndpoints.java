package org.glancej.imports.source;

import static java.util.Objects.requireNonNull;

import org.glancej.imports.source.ImportSourceException.Reason;
import org.glancej.keystone.Keystone;
import org.glancej.keystone.KeystoneUnavailableException;

/**
 * The caller's service catalog, read from Keystone with the caller's own token, as upstream reads the catalog
 * keystonemiddleware handed it: the first {@code image} endpoint on the interface asked for in the region (compared
 * without regard to case).
 */
public final class KeystoneGlanceEndpoints implements GlanceEndpoints {
    private final Keystone keystone;

    public KeystoneGlanceEndpoints(Keystone keystone) {
        this.keystone = requireNonNull(keystone, "keystone is null");
    }

    @Override
    public String imageEndpoint(String token, String region, String serviceInterface) throws ImportSourceException {
        if (token == null || token.isEmpty()) {
            throw GlanceEndpoints.notFound(region, serviceInterface);
        }
        try {
            return keystone.catalogOf(token).url("image", serviceInterface, region)
                    .orElseThrow(() -> GlanceEndpoints.notFound(region, serviceInterface));
        } catch (KeystoneUnavailableException e) {
            throw new ImportSourceException(Reason.UNAVAILABLE, e.status() != 0
                    ? "The Identity service answered HTTP " + e.status() + " for the service catalog"
                    : "The service catalog could not be read from the Identity service: " + e.getMessage(), e);
        }
    }
}
