package org.glancej.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {
    private static final ServiceCatalog CATALOG;

    static {
        try {
            CATALOG = ServiceCatalog.fromJson(new ObjectMapper().readTree("""
                    [{"type": "identity", "name": "keystone", "endpoints": [
                       {"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "http://ks:5000/v3"}]},
                     {"type": "object-store", "name": "swift", "endpoints": [
                       {"interface": "internal", "region_id": "RegionOne", "url": "http://swift-int:8080/v1/AUTH_p"},
                       {"interface": "public", "region_id": "RegionOne", "url": "http://swift:8080/v1/AUTH_p"},
                       {"interface": "public", "region": "RegionTwo", "url": "http://swift2:8080/v1/AUTH_p"},
                       {"interface": "admin", "region_id": "RegionOne"}]}]
                    """));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void anEndpointIsFoundByTypeInterfaceAndRegion() {
        assertThat(CATALOG.url("object-store", "internal", "RegionOne")).hasValue("http://swift-int:8080/v1/AUTH_p");
        assertThat(CATALOG.url("object-store", "public", "RegionTwo")).hasValue("http://swift2:8080/v1/AUTH_p");
    }

    @Test
    void withoutRegionTheFirstOnTheInterfaceWins() {
        assertThat(CATALOG.url("object-store", "public", null)).hasValue("http://swift:8080/v1/AUTH_p");
        assertThat(CATALOG.url("object-store", "public", "")).hasValue("http://swift:8080/v1/AUTH_p");
    }

    @Test
    void legacyInterfaceNamesAndCaseDoNotMatter() {
        assertThat(CATALOG.url("object-store", "publicURL", "regionone")).hasValue("http://swift:8080/v1/AUTH_p");
        assertThat(CATALOG.url("object-store", "internalURL", "RegionOne")).hasValue("http://swift-int:8080/v1/AUTH_p");
    }

    @Test
    void nothingMatchingIsEmpty() {
        assertThat(CATALOG.url("image", "public", null)).isEmpty();
        assertThat(CATALOG.url("object-store", "public", "RegionThree")).isEmpty();
        assertThat(CATALOG.url("object-store", "admin", "RegionOne")).as("an endpoint without url").isEmpty();
        assertThat(ServiceCatalog.EMPTY.url("object-store", "public", null)).isEmpty();
    }
}
