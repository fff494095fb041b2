package org.glancej.store.swift;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.glancej.config.ConfigFile;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.LocationUrls;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Swift store's own behaviour against the real Swift of {@code scripts/swift.sh}: layout, locations, accounts. */
class SwiftStoreTest {
    private static final long MIB = SwiftTestServer.MIB;

    private SwiftTestServer server;
    private SwiftStore store;
    private final List<String> ids = new java.util.ArrayList<>();

    @BeforeEach
    void connect() {
        server = SwiftTestServer.require();
        store = server.store(MIB, MIB);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : ids) {
            for (String name : server.objects(id)) {
                server.request("DELETE", "/" + SwiftTestServer.CONTAINER + "/" + name, null, Map.of());
            }
        }
    }

    private String newId() {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        return id;
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void largeImagesAreUpstreamsDynamicLargeObjects() throws Exception {
        String id = newId();
        byte[] data = bytes((int) (2 * MIB + MIB / 2));

        store.add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));

        assertThat(server.objects(id)).containsExactly(id, id + "-00001", id + "-00002", id + "-00003");
        var manifest = server.request("HEAD", "/" + SwiftTestServer.CONTAINER + "/" + id, null, Map.of());
        assertThat(manifest.header("X-Object-Manifest")).isEqualTo(SwiftTestServer.CONTAINER + "/" + id + "-");
        assertThat(manifest.header("Content-Length")).isEqualTo(String.valueOf(data.length));
        var last = server.request("GET", "/" + SwiftTestServer.CONTAINER + "/" + id + "-00003", null, Map.of());
        assertThat(last.body()).isEqualTo(Arrays.copyOfRange(data, (int) (2 * MIB), data.length));
        var whole = server.request("GET", "/" + SwiftTestServer.CONTAINER + "/" + id, null, Map.of());
        assertThat(whole.body()).isEqualTo(data);
    }

    @Test
    void dataOfUnknownSizeGoesUpInSegmentsAndNoEmptyOneIsWritten() throws Exception {
        String id = newId();
        byte[] data = bytes((int) (2 * MIB));

        StoredData stored = store.add(id, new ByteArrayInputStream(data), OptionalLong.empty());

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        assertThat(server.objects(id)).containsExactly(id, id + "-00001", id + "-00002");
        try (InputStream in = store.get(stored.locationUrl(), MIB - 3, 6)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, (int) MIB - 3, (int) MIB + 3));
        }
    }

    @Test
    void smallImagesAreOneObject() throws Exception {
        String id = newId();
        store.add(id, new ByteArrayInputStream(bytes(1000)), OptionalLong.of(1000));

        assertThat(server.objects(id)).containsExactly(id);
        assertThat(server.request("HEAD", "/" + SwiftTestServer.CONTAINER + "/" + id, null, Map.of())
                .header("X-Object-Manifest")).isNull();
    }

    @Test
    void aLargeObjectWrittenAsUpstreamDoesIsReadAndDeleted() throws Exception {
        // upstream's layout written by another client: chunks of its own size, then the manifest
        String id = newId();
        byte[] data = bytes(300_000);
        String c = "/" + SwiftTestServer.CONTAINER + "/";
        server.request("PUT", c + id + "-00001", Arrays.copyOfRange(data, 0, 204_800), Map.of());
        server.request("PUT", c + id + "-00002", Arrays.copyOfRange(data, 204_800, data.length), Map.of());
        server.request("PUT", c + id, new byte[0], Map.of("X-Object-Manifest", SwiftTestServer.CONTAINER + "/" + id + "-"));
        String location = store.uploadLocation(id).orElseThrow();

        assertThat(store.size(location)).isEqualTo(data.length);
        try (InputStream in = store.get(location, 204_790, 20)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 204_790, 204_810));
        }
        store.delete(location);
        assertThat(server.objects(id)).isEmpty();
    }

    @Test
    void aStaticLargeObjectIsDeletedWithItsSegments() throws Exception {
        String id = newId();
        String c = "/" + SwiftTestServer.CONTAINER + "/";
        server.request("PUT", c + id + "-seg1", bytes(1_048_576), Map.of());
        server.request("PUT", c + id + "-seg2", bytes(10), Map.of());
        String manifest = "[{\"path\": \"%1$s%2$s-seg1\"}, {\"path\": \"%1$s%2$s-seg2\"}]".formatted(
                SwiftTestServer.CONTAINER + "/", id);
        assertThat(server.request("PUT", c + id + "?multipart-manifest=put", manifest.getBytes(UTF_8), Map.of())
                .status()).isEqualTo(201);
        String location = store.uploadLocation(id).orElseThrow();
        assertThat(store.size(location)).isEqualTo(1_048_586);

        store.delete(location);

        assertThat(server.objects(id)).isEmpty();
    }

    @Test
    void locationsCarryTheCredentialsAsUpstreamWritesThemAndRedactionHidesThem() {
        String id = newId();
        StoredData stored = store.add(id, new ByteArrayInputStream(bytes(10)));

        String user = SwiftLocation.quote(server.user());
        String bare = server.authAddress().replaceFirst("^http://", "");
        assertThat(stored.locationUrl()).isEqualTo("swift+http://" + user + ":" + SwiftLocation.quote(server.key()) + "@"
                + bare + "/" + SwiftTestServer.CONTAINER + "/" + id);
        assertThat(LocationUrls.redacted(stored.locationUrl())).doesNotContain(server.key()).doesNotContain(user);
    }

    @Test
    void withAConfigFileLocationsNameTheReference(@TempDir Path dir) throws Exception {
        Path accounts = dir.resolve("swift-accounts.conf");
        Files.writeString(accounts, "[test-account]\nauth_address = %s\nuser = %s\nkey = %s\nauth_version = 1\n"
                .formatted(server.authAddress(), server.user(), server.key()));
        String conf = """
                [glance_store]
                swift_store_config_file = %s
                default_swift_reference = test-account
                swift_store_container = %s
                swift_store_create_container_on_put = true
                """.formatted(accounts, SwiftTestServer.CONTAINER);
        SwiftStore configured = (SwiftStore) new SwiftStoreFactory().create(
                new StoreSection(ConfigFile.parse(conf), "glance_store", "swift", null));
        String id = newId();
        byte[] data = bytes(5000);

        StoredData stored = configured.add(id, new ByteArrayInputStream(data));

        assertThat(stored.locationUrl()).isEqualTo("swift+config://test-account/" + SwiftTestServer.CONTAINER + "/" + id);
        try (InputStream in = configured.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        // a store without that reference cannot reach the data, and says so instead of guessing
        assertThat(store.owns(stored.locationUrl())).isFalse();
        // a location carrying credentials is served by a store configured with references too
        StoredData other = store.add(newId(), new ByteArrayInputStream(data));
        assertThat(configured.owns(other.locationUrl())).isTrue();
        assertThat(configured.size(other.locationUrl())).isEqualTo(data.length);
    }

    @Test
    void multipleContainersSplitImagesByTheirIdAsUpstreamNamesThem() throws Exception {
        SwiftStore seeded = SwiftStoreFactory.create("swift", SwiftStoreConfig.from(server.section(""))
                .withContainer(SwiftTestServer.CONTAINER, true, 2), HttpClient.newHttpClient());
        String id = UUID.randomUUID().toString();

        StoredData stored = seeded.add(id, new ByteArrayInputStream(bytes(10)));

        String container = SwiftTestServer.CONTAINER + "_" + id.substring(0, 2);
        assertThat(stored.locationUrl()).endsWith("/" + container + "/" + id);
        assertThat(server.request("HEAD", "/" + container + "/" + id, null, Map.of()).status()).isEqualTo(200);
        seeded.delete(stored.locationUrl());
        server.request("DELETE", "/" + container, null, Map.of());
    }

    @Test
    void aMissingContainerIsNotCreatedUnlessConfigured() {
        SwiftStore strict = SwiftStoreFactory.create("swift", SwiftStoreConfig.from(server.section(""))
                .withContainer("glance-test-absent", false, 0), HttpClient.newHttpClient());

        assertThatThrownBy(() -> strict.add(newId(), new ByteArrayInputStream(bytes(10))))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("swift_store_create_container_on_put");
                });
    }

    @Test
    void dataShorterOrLongerThanAnnouncedFailsAndLeavesNothing() throws Exception {
        String small = newId();
        assertThatThrownBy(() -> store.add(small, new ByteArrayInputStream(bytes(100)), OptionalLong.of(200)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("shorter");
        String longer = newId();
        assertThatThrownBy(() -> store.add(longer, new ByteArrayInputStream(bytes(300)), OptionalLong.of(200)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("longer");
        String large = newId();
        assertThatThrownBy(() -> store.add(large, new ByteArrayInputStream(bytes((int) (2 * MIB))),
                OptionalLong.of(3 * MIB))).isInstanceOf(UncheckedIOException.class).hasMessageContaining("shorter");

        assertThat(server.objects(small)).isEmpty();
        assertThat(server.objects(longer)).isEmpty();
        assertThat(server.objects(large)).isEmpty();
    }

    @Test
    void deletingRemovesSegmentsAWriteCutShortLeftWithoutAManifest() throws Exception {
        String id = newId();
        String c = "/" + SwiftTestServer.CONTAINER + "/";
        server.request("PUT", c + id + "-00001", bytes(100), Map.of());
        server.request("PUT", c + id + "-00002", bytes(100), Map.of());

        store.delete(store.uploadLocation(id).orElseThrow());

        assertThat(server.objects(id)).isEmpty();
    }

    @Test
    void refusedCredentialsAtStartupMakeTheStoreUnavailableNotReadOnly() throws Exception {
        SwiftStore wrong = (SwiftStore) new SwiftStoreFactory().create(new StoreSection(
                ConfigFile.parse(server.options("").replace(server.key(), "wrong-key")), "glance_store", "swift", null));

        assertThat(wrong.capabilities().writable()).isTrue();
        assertThat(wrong.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("refused the credentials")
                .doesNotContain("wrong-key"));
        String id = newId();
        assertThatThrownBy(() -> wrong.add(id, new ByteArrayInputStream(bytes(10))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(wrong.unavailable()).isPresent();
        assertThat(server.objects(id)).isEmpty();

        // data whose location carries credentials Swift takes stays readable through the same store
        String readable = newId();
        byte[] data = bytes(100);
        StoredData stored = store.add(readable, new ByteArrayInputStream(data));
        try (InputStream in = wrong.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(wrong.unavailable()).isPresent();
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheRequestSentAgain() throws Exception {
        // an authentication whose first token Swift no longer knows (expired, or memcached restarted)
        HttpClient http = HttpClient.newHttpClient();
        SwiftReference ref = new SwiftReference("r", server.authAddress(), server.user(), server.key(), "1");
        TempAuth real = new TempAuth(http, ref, "", java.time.Duration.ofSeconds(10), java.time.Clock.systemUTC());
        java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
        SwiftAuth stale = new SwiftAuth() {
            private boolean fresh;

            @Override
            public synchronized Session session(boolean renew) {
                if (renew) {
                    renewals.incrementAndGet();
                    fresh = true;
                }
                Session session = real.session(renew);
                return fresh ? session : new Session(session.storageUrl(), "AUTH_tkstale", session.expires());
            }

            @Override
            public String server() {
                return real.server();
            }
        };
        SwiftAccount account = new SwiftAccount(http, stale, java.time.Duration.ofSeconds(10));
        SwiftStore renewing = new SwiftStore(SwiftStoreConfig.from(server.section("")).with(MIB, MIB,
                java.time.Duration.ofSeconds(10)), r -> account, new org.glancej.store.StoreAvailability());
        String id = newId();
        byte[] data = bytes((int) (2 * MIB));

        // the first request (the container check) is refused: the token is renewed and the request sent again
        StoredData stored = renewing.add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));

        assertThat(renewals).hasValue(1);
        try (InputStream in = renewing.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
