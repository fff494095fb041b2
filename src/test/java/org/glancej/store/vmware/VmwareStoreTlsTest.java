package org.glancej.store.vmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store over HTTPS, against a simulator of its own serving TLS with a self-signed certificate. */
class VmwareStoreTlsTest {
    @TempDir
    static Path dir;
    private static Vcsim.Own vcsim;

    @BeforeAll
    static void start() throws Exception {
        vcsim = new Vcsim.Own(dir, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vcsim != null) {
            vcsim.close();
        }
    }

    private static void roundTrip(VmwareStore store) throws Exception {
        byte[] data = "over tls".repeat(1000).getBytes();
        String id = UUID.randomUUID().toString();
        StoredData stored = store.add(id, new ByteArrayInputStream(data));
        assertThat(stored.locationUrl()).startsWith("vsphere://127.0.0.1:" + vcsim.port + "/folder/openstack_glance/" + id);
        try (InputStream in = store.get(stored.locationUrl(), 8, 8)) {
            assertThat(in.readAllBytes()).isEqualTo("over tls".getBytes());
        }
        store.delete(stored.locationUrl());
        assertThat(Vcsim.anythingStoredFor(vcsim.dataDir(), id)).isFalse();
    }

    @Test
    void theCaFileMakesTheServersCertificateTrusted() throws Exception {
        try (VmwareStore store = VmwareStoreTest.create(vcsim.options("glance_store", "own-password")
                + "vmware_ca_file = " + dir.resolve("cert.pem") + "\n")) {
            assertThat(store.unavailable()).isEmpty();
            roundTrip(store);
        }
    }

    @Test
    void insecureSkipsTheCheck() throws Exception {
        try (VmwareStore store = VmwareStoreTest.create(vcsim.options("glance_store", "own-password")
                + "vmware_insecure = true\n")) {
            roundTrip(store);
        }
    }

    @Test
    void anUntrustedCertificateMakesTheStoreUnavailable() {
        try (VmwareStore store = VmwareStoreTest.create(vcsim.options("glance_store", "own-password"))) {
            assertThat(store.unavailable()).isPresent();
            assertThatThrownBy(() -> store.add(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[3])))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        }
    }
}
