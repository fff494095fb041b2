package org.glancej.store.vmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.OptionalLong;
import java.util.UUID;
import org.glancej.config.ConfigFile;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VMware datastore store against VMware's vCenter simulator (scripts/vcsim.sh). */
class VmwareStoreTest extends ImageStoreContractTest {
    /** A directory of this run's own, removed with all it holds at the end. */
    private static final String DIR = "glance-test-" + UUID.randomUUID();
    private static VmwareStore store;

    @BeforeAll
    static void open() {
        store = create(Vcsim.storeOptions("glance_store", "DC0:LocalDS_0") + "vmware_store_image_dir = /" + DIR + "\n");
    }

    @AfterAll
    static void close() throws IOException {
        if (store != null) {
            store.close();
            Path dir = Path.of(Vcsim.env("GLANCE_VCSIM_DATA_DIR")).resolve("LocalDS_0").resolve(DIR);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    static VmwareStore create(String conf) {
        return (VmwareStore) new VmwareStoreFactory().create(
                new StoreSection(ConfigFile.parse(conf), "glance_store", "vmware", null));
    }

    @Override
    protected ImageStore store() {
        return store;
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        return Vcsim.anythingStoredFor(Path.of(Vcsim.env("GLANCE_VCSIM_DATA_DIR")), DIR, imageId)
                || Vcsim.anythingStoredFor(Path.of(Vcsim.env("GLANCE_VCSIM_DATA_DIR")), imageId);
    }

    @Test
    void locationsAreWrittenAsUpstreamWritesThem() {
        String id = UUID.randomUUID().toString();
        StoredData stored = store.add(id, new ByteArrayInputStream(bytes(5)));

        String host = URI.create(Vcsim.env("GLANCE_VCSIM_HOST")).getRawAuthority();
        assertThat(stored.locationUrl())
                .isEqualTo("vsphere://" + host + "/folder/" + DIR + "/" + id + "?dsName=LocalDS_0&dcPath=DC0");
        assertThat(store.uploadLocation(id)).contains(stored.locationUrl());
        assertThat(store.unavailable()).isEmpty();
        store.delete(stored.locationUrl());
    }

    @Test
    void theHeaviestDatastoreTakesTheDataAndTheUploadLocationIsNotKnownAhead() throws Exception {
        try (VmwareStore weighted = create(Vcsim.storeOptions("glance_store", "DC0:LocalDS_0:10", "DC0:LocalDS_1:20"))) {
            String id = UUID.randomUUID().toString();
            StoredData stored = weighted.add(id, new ByteArrayInputStream(bytes(100)));

            assertThat(stored.locationUrl()).contains("?dsName=LocalDS_1&dcPath=DC0");
            assertThat(weighted.uploadLocation(id)).isEmpty();
            try (InputStream in = weighted.get(stored.locationUrl(), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes(100));
            }
            weighted.delete(stored.locationUrl());
            assertThat(anythingStoredFor(id)).isFalse();
        }
    }

    @Test
    void dataLargerThanAnyDatastoreHasRoomForIsStorageFullAndLeavesNothing() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> store.add(id, new ByteArrayInputStream(bytes(10)), OptionalLong.of(1L << 60)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STORAGE_FULL));
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void aSessionEndedOnTheServerIsReplacedByANewLogin() throws Exception {
        try (VmwareStore own = create(Vcsim.storeOptions("glance_store", "DC0:LocalDS_0"))) {
            String cookie = own.sessionCookie();
            logout(cookie);

            StoredData stored = own.add(UUID.randomUUID().toString(), new ByteArrayInputStream(bytes(7)));

            assertThat(own.sessionCookie()).isNotEqualTo(cookie);
            assertThat(own.size(stored.locationUrl())).isEqualTo(7);
            logout(own.sessionCookie());
            own.delete(stored.locationUrl());
        }
    }

    @Test
    void wrongCredentialsLeaveTheStoreBuiltButUnavailable() {
        String conf = Vcsim.storeOptions("glance_store", "DC0:LocalDS_0").replace(
                "vmware_server_password = " + Vcsim.env("GLANCE_VCSIM_PASSWORD"), "vmware_server_password = wrong-one");
        try (VmwareStore refused = create(conf)) {
            assertThat(refused.unavailable()).hasValueSatisfying(why -> assertThat(why)
                    .contains("refused the login of user " + Vcsim.env("GLANCE_VCSIM_USER")).doesNotContain("wrong-one"));
            assertThatThrownBy(() -> refused.add(UUID.randomUUID().toString(), new ByteArrayInputStream(bytes(3))))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        }
    }

    @Test
    void anUnknownDatastoreMakesTheStoreUnavailable() {
        try (VmwareStore lost = create(Vcsim.storeOptions("glance_store", "DC0:NoSuchDS"))) {
            assertThat(lost.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("no datastore NoSuchDS"));
        }
    }

    @Test
    void locationsOfAnotherServerAreNotOurs() {
        assertThat(store.owns("vsphere://other.example/folder/openstack_glance/x?dsName=LocalDS_0&dcPath=DC0")).isFalse();
    }

    /** Ends a session on the server, as an administrator or an idle timeout would. */
    private static void logout(String cookie) throws Exception {
        byte[] body = VimXml.request("Logout", new VimXml.Moref("SessionManager", "SessionManager"), "");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Vcsim.env("GLANCE_VCSIM_HOST") + "/sdk")).header("Cookie", "vmware_soap_session=" + cookie)
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
