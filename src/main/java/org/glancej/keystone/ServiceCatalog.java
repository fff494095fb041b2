package org.glancej.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A token's service catalog: every endpoint of every service, in Keystone's order. Looked up as keystoneauth's
 * {@code url_for} does (service type, interface, region; the first match wins), except that interfaces and
 * regions are compared without regard to case, and {@code publicURL}-style interface names mean {@code public}.
 */
public record ServiceCatalog(List<Endpoint> endpoints) {
    public static final ServiceCatalog EMPTY = new ServiceCatalog(List.of());

    /** @param region the endpoint's region id (or legacy region name) */
    public record Endpoint(String serviceType, String serviceName, String iface, String region, String url) {}

    public ServiceCatalog {
        endpoints = List.copyOf(endpoints);
    }

    /** Reads the {@code catalog} array of a v3 token or of {@code GET /v3/auth/catalog}. */
    static ServiceCatalog fromJson(JsonNode catalog) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode service : catalog) {
            for (JsonNode endpoint : service.path("endpoints")) {
                if (!endpoint.path("url").isTextual()) {
                    continue;
                }
                String region = endpoint.hasNonNull("region_id") ? endpoint.path("region_id").asText()
                        : endpoint.path("region").asText(null);
                endpoints.add(new Endpoint(service.path("type").asText(), service.path("name").asText(null),
                        endpoint.path("interface").asText(), region, endpoint.path("url").asText()));
            }
        }
        return new ServiceCatalog(endpoints);
    }

    /**
     * The URL of the first endpoint of {@code serviceType} on {@code iface} in {@code region}.
     *
     * @param iface {@code public}, {@code internal} or {@code admin} ({@code publicURL} etc. accepted)
     * @param region null or blank for any region
     */
    public Optional<String> url(String serviceType, String iface, String region) {
        String wanted = normalInterface(iface);
        return endpoints.stream()
                .filter(e -> e.serviceType().equals(serviceType))
                .filter(e -> normalInterface(e.iface()).equals(wanted))
                .filter(e -> region == null || region.isBlank() || region.equalsIgnoreCase(e.region()))
                .map(Endpoint::url)
                .findFirst();
    }

    static String normalInterface(String iface) {
        String lower = iface == null ? "" : iface.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("url") ? lower.substring(0, lower.length() - 3) : lower;
    }
}
