package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import org.glancej.store.StoreSection;

/**
 * What only a multi-tenant Swift store reads, with glance_store's names and defaults.
 *
 * @param adminTenants {@code swift_store_admin_tenants}: projects given read and write access to every image
 *     container ({@code X-Container-Write}, with the container's read list)
 * @param useTrusts {@code swift_store_use_trusts}: a large upload acts through a trust from the caller to the
 *     store's user, so that it outlives the caller's token
 * @param expireSoon {@code swift_store_expire_soon_interval}: a trust's token this close to expiry is replaced
 *     before the next request
 */
record MultiTenantOptions(List<String> adminTenants, boolean useTrusts, Duration expireSoon) {

    MultiTenantOptions {
        adminTenants = List.copyOf(adminTenants);
        requireNonNull(expireSoon, "expireSoon is null");
    }

    static MultiTenantOptions from(StoreSection options) {
        List<String> tenants = options.list("swift_store_admin_tenants", List.of()).stream().map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        return new MultiTenantOptions(tenants, options.bool("swift_store_use_trusts", true),
                Duration.ofSeconds(options.integer("swift_store_expire_soon_interval", 60, 0, Integer.MAX_VALUE)));
    }

    /** The container write list upstream sets: {@code <project>:*} for each admin tenant, else empty. */
    String writeAcl() {
        return String.join(",", adminTenants.stream().map(t -> t + ":*").toList());
    }
}
