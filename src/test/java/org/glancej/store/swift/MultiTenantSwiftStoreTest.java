package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.ServiceCatalog;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreException;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.Test;

/** What a multi-tenant store decides before it talks to Swift: which locations are its own, and refusals. */
class MultiTenantSwiftStoreTest {
    private static final String MT_LOCATION = "swift+http://127.0.0.1:18081/v1/AUTH_p1/glance_0a1b/0a1b";

    private static StoreSection section(String lines) {
        return new StoreSection(ConfigFile.parse("[glance_store]\nswift_store_multi_tenant = true\n" + lines),
                "glance_store", "swift", null);
    }

    private static MultiTenantSwiftStore store(String lines) {
        return new MultiTenantSwiftStore(SwiftStoreConfig.from(section(lines)), MultiTenantOptions.from(section(lines)),
                HttpClient.newHttpClient(), null, Clock.systemUTC());
    }

    @Test
    void upstreamsOptionsAndDefaults() {
        MultiTenantOptions defaults = MultiTenantOptions.from(section(""));
        assertThat(defaults.useTrusts()).isTrue();
        assertThat(defaults.expireSoon()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.writeAcl()).isEmpty();

        MultiTenantOptions set = MultiTenantOptions.from(section("""
                swift_store_admin_tenants = p-admin, p-ops
                swift_store_use_trusts = false
                swift_store_expire_soon_interval = 5
                """));
        assertThat(set.writeAcl()).isEqualTo("p-admin:*,p-ops:*");
        assertThat(set.useTrusts()).isFalse();
        assertThat(set.expireSoon()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void ownsStorageUrlLocationsButNotThoseWithCredentialsOrAReference() {
        MultiTenantSwiftStore store = store("");
        assertThat(store.owns(MT_LOCATION)).isTrue();
        assertThat(store.owns("swift+https://swift.example.com/v1/AUTH_p1/glance_0a1b/0a1b")).isTrue();
        assertThat(store.owns("swift+http://account%3Auser:key@127.0.0.1:8080/auth/v1.0/glance/0a1b")).isFalse();
        assertThat(store.owns("swift+config://ref1/glance/0a1b")).isFalse();
        assertThat(store.owns("file:///var/lib/glance/images/0a1b")).isFalse();
    }

    @Test
    void theLocationIsTheStorageUrlWithoutCredentials() {
        SwiftLocation location = SwiftLocation.atStorageUrl("http://127.0.0.1:18081/v1/AUTH_p1", "glance_0a1b", "0a1b");
        assertThat(location.url()).isEqualTo(MT_LOCATION);
        assertThat(SwiftLocation.parse(MT_LOCATION).orElseThrow().authUrl()).isEqualTo("http://127.0.0.1:18081/v1/AUTH_p1");
    }

    @Test
    void withoutAUsersTokenNothingIsDone() {
        MultiTenantSwiftStore store = store("");
        assertThatThrownBy(() -> store.add("0a1b", new ByteArrayInputStream(new byte[1])))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE))
                .hasMessageContaining("token of a user's request");
        assertThatThrownBy(() -> store.delete(MT_LOCATION, StoreCaller.NONE)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.get(MT_LOCATION, 0, 1, StoreCaller.NONE)).isInstanceOf(StoreException.class);
    }

    @Test
    void aCatalogWithoutTheObjectStoreIsNamedInTheRefusal() {
        MultiTenantSwiftStore store = store("swift_store_region = RegionTwo\n");
        StoreCaller caller = new StoreCaller("token", "u1", "p1", List.of("member"), new ServiceCatalog(List.of(
                new ServiceCatalog.Endpoint("object-store", "swift", "public", "RegionOne", "http://x/v1/AUTH_p1"))));
        assertThatThrownBy(() -> store.add("0a1b", new ByteArrayInputStream(new byte[1]), OptionalLong.of(1), caller))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE))
                .hasMessageContaining("no object-store endpoint of interface publicURL in region RegionTwo");
    }
}
