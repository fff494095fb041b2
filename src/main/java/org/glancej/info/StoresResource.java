package org.glancej.info;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.glancej.common.GlanceException;
import org.glancej.http.Json;
import org.glancej.http.RequestContexts;
import org.glancej.policy.PolicyEnforcer;
import org.glancej.policy.PolicyTarget;
import org.glancej.store.ConfiguredStore;
import org.glancej.store.StoreRegistry;

/**
 * {@code GET /v2/info/stores} (since 2.8) and {@code GET /v2/info/stores/detail} (2.15, policy {@code
 * stores_info_detail}): the stores clients may name, as upstream lists them: 404 without multi-store, the
 * reserved stores left out, {@code "default": "true"} and {@code "read-only": "true"} as strings; the detail
 * adds each store's type, weight and its driver's properties, and, beyond upstream, {@code "available": "false"}
 * with the reason for a store that cannot be used now (its server refused the login or is unreachable).
 */
public final class StoresResource implements HttpService {
    private final StoreRegistry stores;
    private final PolicyEnforcer policy;

    public StoresResource(StoreRegistry stores, PolicyEnforcer policy) {
        this.stores = requireNonNull(stores, "stores is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v2/info/stores", (req, res) -> Json.send(res, 200, document(false)));
        rules.get("/v2/info/stores/detail", this::detail);
    }

    private void detail(ServerRequest req, ServerResponse res) {
        ObjectNode body = document(true);
        policy.enforce("stores_info_detail", PolicyTarget.empty(), RequestContexts.of(req));
        Json.send(res, 200, body);
    }

    private ObjectNode document(boolean detail) {
        if (!stores.multiStore()) {
            throw GlanceException.notFound("Multi backend is not supported at this site.");
        }
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("stores");
        for (ConfiguredStore store : stores.stores()) {
            ObjectNode entry = list.addObject();
            entry.put("id", store.id());
            if (!store.description().isEmpty()) {
                entry.put("description", store.description());
            }
            if (store == stores.defaultStore()) {
                entry.put("default", "true");
            }
            if (store.readOnly()) {
                entry.put("read-only", "true");
            }
            if (detail) {
                entry.put("type", store.type());
                entry.set("properties", Json.MAPPER.valueToTree(store.store().properties()));
                entry.put("weight", store.weight());
                store.store().unavailable().ifPresent(why -> {
                    entry.put("available", "false");
                    entry.put("unavailable_reason", why);
                });
            }
        }
        return body;
    }
}
