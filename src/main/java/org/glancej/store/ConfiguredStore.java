package org.glancej.store;

import static java.util.Objects.requireNonNull;

/**
 * A store as the operator configured it.
 *
 * @param id the backend id ({@code enabled_backends}), or the type in the legacy single-store form
 * @param description {@code store_description}, shown by {@code GET /v2/info/stores}
 * @param weight {@code weight}: locations are listed, and read, heaviest store first
 */
public record ConfiguredStore(String id, String description, long weight, ImageStore store) {
    public ConfiguredStore {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
        requireNonNull(store, "store is null");
    }

    public String type() {
        return store.type();
    }

    public boolean readOnly() {
        return !store.capabilities().writable();
    }
}
