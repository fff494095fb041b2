package org.glancej.store.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.config.ConfigFile;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swift_store_cacert} and {@code swift_store_auth_insecure} on Swift's own connections: the Swift of
 * {@code scripts/swift.sh} behind a TLS front whose certificate a private CA signed, for authentication (tempauth)
 * and the storage URL alike.
 */
class SwiftStoreTlsTest {
    @TempDir
    static Path dir;
    private static SwiftTestServer server;
    private static PrivateCa ca;
    private static PrivateCa otherCa;
    private static SwiftRelay front;
    private static String storagePath;

    @BeforeAll
    static void start() throws Exception {
        server = SwiftTestServer.require();
        ca = new PrivateCa(dir, "swift");
        otherCa = new PrivateCa(dir, "other");
        URI auth = URI.create(server.authAddress());
        front = new SwiftRelay(0, auth.getPort(), ca.serverTls());
        storagePath = "/v1/AUTH_" + server.user().split(":")[0];
    }

    @AfterAll
    static void stop() throws Exception {
        if (front != null) {
            front.close();
        }
    }

    /** A store reaching Swift only through the TLS front, with these TLS options. */
    private static SwiftStore store(String tls) {
        String https = "https://127.0.0.1:" + front.port();
        String options = server.options("swift_store_endpoint = " + https + storagePath + "\n"
                + "swift_store_large_object_size = 1\nswift_store_large_object_chunk_size = 1\n" + tls)
                .replace(server.authAddress(), https + URI.create(server.authAddress()).getPath());
        return (SwiftStore) new SwiftStoreFactory().create(new StoreSection(ConfigFile.parse(options), "glance_store",
                "swift", null));
    }

    private static void roundTrip(SwiftStore store) throws Exception {
        byte[] data = new byte[2_500_000]; // a large object: three segments and a manifest, all over TLS
        new Random(7).nextBytes(data);
        String id = UUID.randomUUID().toString();
        StoredData stored = store.add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));
        assertThat(server.objects(id)).containsExactly(id, id + "-00001", id + "-00002", id + "-00003");
        try (InputStream in = store.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        store.delete(stored.locationUrl());
        assertThat(server.objects(id)).isEmpty();
    }

    @Test
    void theCaBundleMakesTheFrontsCertificateTrusted() throws Exception {
        SwiftStore store = store("swift_store_cacert = " + ca.caFile() + "\n");
        assertThat(store.unavailable()).isEmpty();
        roundTrip(store);
    }

    @Test
    void insecureChecksNoCertificateEvenWithABundleOfAnotherCa() throws Exception {
        SwiftStore store = store("swift_store_auth_insecure = true\nswift_store_cacert = " + otherCa.caFile() + "\n");
        assertThat(store.unavailable()).isEmpty();
        roundTrip(store);
    }

    @Test
    void aCertificateNoTrustedCaSignedMakesTheStoreUnavailable() {
        for (String tls : new String[] {"", "swift_store_cacert = " + otherCa.caFile() + "\n"}) {
            SwiftStore store = store(tls);
            assertThat(store.unavailable()).as(tls).isPresent();
            assertThatThrownBy(() -> store.add(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[3])))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        }
    }
}
