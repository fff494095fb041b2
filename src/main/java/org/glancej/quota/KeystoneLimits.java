package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.glancej.keystone.Keystone;
import org.glancej.keystone.KeystoneSession;

/**
 * Limits read from Keystone's unified-limits API the way oslo.limit's flat enforcer reads them: the endpoint in
 * {@code [oslo_limit]} gives the service and region, {@code GET /v3/limits} the project's own limits and
 * {@code GET /v3/registered_limits} the defaults. Limits are read afresh on every check, so changes in Keystone
 * apply at once; the endpoint and the enforcement model (only {@code flat} is supported, as in oslo.limit) are
 * resolved on first use and kept. Keystone unreachable or refusing the service user is
 * {@link org.glancej.keystone.KeystoneUnavailableException} (503); an endpoint or model that does not resolve is
 * {@link KeystoneLimitsException} (500, a misconfiguration).
 */
public final class KeystoneLimits implements ResourceLimits {
    private final OsloLimitConfig config;
    private final KeystoneSession session;
    private volatile ServiceEndpoint endpoint;

    private record ServiceEndpoint(String serviceId, String regionId) {}

    public KeystoneLimits(OsloLimitConfig config, Clock clock) {
        this(config, Keystone.at(config.credentials().identityUrl(), config.http())
                .session(config.credentials(), "[oslo_limit]", clock));
    }

    /** @param session the session of {@code [oslo_limit]}'s user */
    public KeystoneLimits(OsloLimitConfig config, KeystoneSession session) {
        this.config = requireNonNull(config, "config is null");
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public Map<String, Long> limits(String projectId, List<String> resourceNames) {
        ServiceEndpoint service = endpoint();
        Map<String, Long> own = projectId == null ? Map.of()
                : byName(list("/limits", service, projectId, "limits"), "resource_limit");
        Map<String, Long> defaults = null;
        Map<String, Long> limits = new LinkedHashMap<>();
        for (String name : resourceNames) {
            if (own.containsKey(name)) {
                limits.put(name, own.get(name));
                continue;
            }
            if (defaults == null) {
                defaults = byName(list("/registered_limits", service, null, "registered_limits"), "default_limit");
            }
            // a resource nobody registered has limit 0: nothing may be used
            limits.put(name, defaults.getOrDefault(name, 0L));
        }
        return limits;
    }

    private ServiceEndpoint endpoint() {
        ServiceEndpoint resolved = endpoint;
        if (resolved == null) {
            String model = session.getJson("/limits/model").orElseThrow(() -> missing("the limits API (/v3/limits/model)"))
                    .path("model").path("name").asText();
            if (!model.equals("flat")) {
                throw new KeystoneLimitsException("enforcement model " + model + " is not supported");
            }
            JsonNode found = config.endpointId() != null ? endpointById() : endpointByService();
            String serviceId = text(found, "service_id");
            if (serviceId == null) {
                throw new KeystoneLimitsException("Keystone's endpoint has no service_id: " + found);
            }
            resolved = new ServiceEndpoint(serviceId, text(found, "region_id"));
            endpoint = resolved;
        }
        return resolved;
    }

    private JsonNode endpointById() {
        return session.getJson("/endpoints/" + encode(config.endpointId()))
                .orElseThrow(() -> missing("endpoint " + config.endpointId())).path("endpoint");
    }

    /** oslo.limit's lookup: exactly one service, the region if named, exactly one endpoint on the interface. */
    private JsonNode endpointByService() {
        List<JsonNode> services = session.getJson("/services" + query("type", config.endpointServiceType(),
                "name", config.endpointServiceName())).orElseThrow(() -> missing("the services API"))
                .path("services").valueStream().toList();
        if (services.size() != 1) {
            throw new KeystoneLimitsException((services.isEmpty() ? "no" : "several") + " services of type "
                    + config.endpointServiceType() + " named " + config.endpointServiceName());
        }
        String regionId = null;
        if (config.endpointRegionName() != null) {
            regionId = text(session.getJson("/regions/" + encode(config.endpointRegionName()))
                    .orElseThrow(() -> missing("region " + config.endpointRegionName())).path("region"), "id");
        }
        List<JsonNode> endpoints = session.getJson("/endpoints" + query("service_id", text(services.getFirst(), "id"),
                "region_id", regionId, "interface", config.endpointInterface()))
                .orElseThrow(() -> missing("the endpoints API")).path("endpoints").valueStream().toList();
        if (endpoints.size() != 1) {
            throw new KeystoneLimitsException((endpoints.isEmpty() ? "no" : "several") + " "
                    + config.endpointInterface() + " endpoints of that service in region " + regionId);
        }
        return endpoints.getFirst();
    }

    private JsonNode list(String path, ServiceEndpoint service, String projectId, String key) {
        return session.getJson(path + query("service_id", service.serviceId(), "region_id", service.regionId(),
                "project_id", projectId)).orElseThrow(() -> missing(path)).path(key);
    }

    /** The first entry per resource name wins, as in oslo.limit. */
    private static Map<String, Long> byName(JsonNode entries, String valueField) {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            byName.putIfAbsent(entry.path("resource_name").asText(), entry.path(valueField).asLong());
        }
        return byName;
    }

    /** Pairs of name and value; null values are left out. */
    private static String query(String... pairs) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.add(pairs[i] + "=" + encode(pairs[i + 1]));
            }
        }
        return query.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static KeystoneLimitsException missing(String what) {
        return new KeystoneLimitsException("Keystone does not know " + what);
    }
}
