package org.glancej.imports.source;

/** Where the image service of a region is, as the caller's service catalog says. */
@FunctionalInterface
public interface GlanceEndpoints {
    /** Without Keystone there is no catalog: every region's endpoint is unknown. */
    GlanceEndpoints NONE = (token, region, serviceInterface) -> {
        throw notFound(region, serviceInterface);
    };

    /**
     * The URL of the {@code image} service's endpoint in {@code region} (compared without regard to case) for the
     * interface ({@code public}, {@code internal} or {@code admin}).
     *
     * @param token the caller's token, whose catalog is read
     * @throws ImportSourceException NOT_FOUND with upstream's message when there is none, UNAVAILABLE when the
     *     catalog cannot be read
     */
    String imageEndpoint(String token, String region, String serviceInterface) throws ImportSourceException;

    /** Upstream's GlanceEndpointNotFound. */
    static ImportSourceException notFound(String region, String serviceInterface) {
        return new ImportSourceException(ImportSourceException.Reason.NOT_FOUND,
                serviceInterface + " glance endpoint not found for region " + region);
    }
}
