package org.glancej.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.glancej.store.RecordingStore;
import org.glancej.config.ConfigException;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStore.StoredData;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract and the S3 store's own behaviour against the real radosgw of {@code scripts/ceph.sh}. */
class S3StoreTest extends ImageStoreContractTest {
    private static final long MIB = S3TestServer.MIB;

    private S3TestServer server;
    private S3Store store;
    private final List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void connect() {
        server = S3TestServer.require();
        store = S3StoreFactory.create(server.smallPartsConfig());
    }

    @AfterEach
    void cleanUp() {
        if (store != null) {
            for (String id : written) {
                store.delete(store.uploadLocation(id).orElseThrow());
            }
            store.close();
        }
    }

    @Override
    protected ImageStore store() {
        return new RecordingStore(store, written);
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        String url = store.uploadLocation(imageId).orElseThrow();
        boolean object;
        try {
            store.size(url);
            object = true;
        } catch (StoreException e) {
            object = e.reason() != Reason.NOT_FOUND;
        }
        return object || !store.multipartUploads(imageId).isEmpty();
    }

    @Test
    void largeDataWithItsSizeAnnouncedGoesUpInParts() throws IOException {
        byte[] data = bytes((int) (12 * MIB) + 7);
        String id = newId();

        StoredData stored = store().add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        assertThat(etag(id)).endsWith("-3\""); // a multipart object of three parts
        assertReadsBack(stored, data);
    }

    @Test
    void dataOfUnknownSizeOverOnePartGoesUpInParts() throws IOException {
        byte[] data = bytes((int) (10 * MIB)); // exactly two parts: the end shows only on the next read
        String id = newId();

        StoredData stored = store().add(id, new ByteArrayInputStream(data));

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        assertThat(etag(id)).endsWith("-2\"");
        assertReadsBack(stored, data);
    }

    @Test
    void smallDataOfUnknownSizeGoesUpInOnePut() throws IOException {
        byte[] data = bytes((int) (3 * MIB));
        String id = newId();

        StoredData stored = store().add(id, new ByteArrayInputStream(data));

        assertThat(etag(id)).doesNotContain("-");
        assertReadsBack(stored, data);
    }

    @Test
    void sourceFailingAfterSomePartsAbortsTheUploadAndLeavesNothing() {
        String id = newId();
        UncheckedIOException boom = new UncheckedIOException(new IOException("client went away"));
        InputStream failing = failingAfter(17 * MIB, boom);

        assertThatThrownBy(() -> store().add(id, failing, OptionalLong.of(40 * MIB))).isSameAs(boom);

        assertThat(store.multipartUploads(id)).isEmpty();
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void aSlowClientIsNoSilentServer() throws Exception {
        byte[] data = bytes((int) MIB / 2);
        S3StoreConfig impatient = server.smallPartsConfig().with(MIB, 5 * MIB, Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (S3Store store = S3StoreFactory.create(impatient)) {
            String id = newId();
            written.add(id);
            InputStream slow = new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
                private boolean paused;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (!paused && in.available() < data.length / 2) {
                        paused = true;
                        try {
                            Thread.sleep(3000); // longer than the read timeout: the client is slow, not the server
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    return super.read(b, off, len);
                }
            };

            StoredData stored = store.add(id, slow, OptionalLong.of(data.length));

            assertReadsBack(stored, data);
        }
    }

    @Test
    void sourceEndingBeforeTheAnnouncedSizeLeavesNothing() {
        String id = newId();

        assertThatThrownBy(() -> store().add(id, new ByteArrayInputStream(bytes(1000)), OptionalLong.of(2000)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("announced");
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void sourceLongerThanAnnouncedIsRefusedAndLeavesNothing() {
        String id = newId();

        assertThatThrownBy(() -> store().add(id, new ByteArrayInputStream(bytes(2000)), OptionalLong.of(1000)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("longer");
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void addingOverExistingDataIsRefused() {
        String id = newId();
        store().add(id, new ByteArrayInputStream(bytes(10)));

        assertThatThrownBy(() -> store().add(id, new ByteArrayInputStream(bytes(10))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LOCATION));
    }

    @Test
    void deleteAlsoAbortsAnUploadLeftByACrash() {
        String id = newId();
        S3Client client = new S3Client(server.smallPartsConfig(), null);
        client.createMultipartUpload(id);
        assertThat(store.multipartUploads(id)).hasSize(1);

        store.delete(store.uploadLocation(id).orElseThrow());

        assertThat(store.multipartUploads(id)).isEmpty();
        client.close();
    }

    @Test
    void locationsAreGlanceStoresUrls() {
        String id = newId();
        StoredData stored = store().add(id, new ByteArrayInputStream(bytes(10)));
        String host = server.endpoint().replaceFirst("^https?://", "");

        assertThat(stored.locationUrl()).isEqualTo((server.endpoint().startsWith("https") ? "s3+https" : "s3") + "://"
                + server.accessKey() + ":" + server.secretKey() + "@" + host + "/" + server.bucket() + "/" + id);
        assertThat(store.owns(stored.locationUrl())).isTrue();
        assertThat(store.owns(stored.locationUrl().replace("/" + server.bucket() + "/", "/other-bucket/"))).isFalse();
        assertThat(store.owns(stored.locationUrl().replace("@" + host, "@elsewhere.example:80"))).isFalse();
    }

    @Test
    void aClosedPortIsUnavailableWithinSeconds() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        S3StoreConfig config = S3StoreConfig.from(withHost(server, "http://127.0.0.1:" + port));
        long start = System.nanoTime();
        try (S3Store dead = S3StoreFactory.create(config)) {
            assertThatThrownBy(() -> dead.add(newId(), new ByteArrayInputStream(bytes(10))))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("S3 store").contains("127.0.0.1:" + port);
                        assertThat(e.getMessage()).doesNotContain(server.secretKey());
                    });
            String location = dead.uploadLocation(newId()).orElseThrow();
            assertThatThrownBy(() -> dead.get(location, 0)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aSilentServerTimesOutAsUnavailable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections (backlog) and never answers
            S3StoreConfig config = S3StoreConfig.from(withHost(server, "http://127.0.0.1:" + silent.getLocalPort()))
                    .with(MIB, 5 * MIB, Duration.ofSeconds(1), Duration.ofSeconds(2));
            long start = System.nanoTime();
            try (S3Store dead = S3StoreFactory.create(config)) {
                assertThatThrownBy(() -> dead.size(dead.uploadLocation(newId()).orElseThrow()))
                        .isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                            assertThat(e.getMessage()).contains("did not answer in time");
                        });
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void theBucketIsCreatedOnPutWhenAllowed() throws IOException {
        String bucket = "glancej-test-" + UUID.randomUUID().toString().substring(0, 8);
        S3StoreConfig missing = server.smallPartsConfig().withBucket(bucket, false);
        try (S3Store refusing = S3StoreFactory.create(missing)) {
            assertThatThrownBy(() -> refusing.add(newId(), new ByteArrayInputStream(bytes(10))))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.getMessage()).contains("s3_store_create_bucket_on_put"));
        }
        S3StoreConfig creating = missing.withBucket(bucket, true);
        S3Client client = new S3Client(creating, null);
        try (S3Store store = S3StoreFactory.create(creating)) {
            byte[] data = bytes(100);
            StoredData stored = store.add(newId(), new ByteArrayInputStream(data));
            try (InputStream in = store.get(stored.locationUrl(), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
            store.delete(stored.locationUrl());
        } finally {
            client.exchange("DELETE", null, Map.of(), Map.of(), null, null).body().close();
            assertThat(client.bucketExists()).isFalse();
            client.close();
        }
        try (S3Store store = S3StoreFactory.create(creating)) {
            store.delete(store.uploadLocation(newId()).orElseThrow()); // data in a bucket that is gone is gone too
        }
    }

    @Test
    void aBucketOverItsQuotaIsStorageFullAndLeavesNothing() throws Exception {
        String bucket = "glancej-test-" + UUID.randomUUID().toString().substring(0, 8);
        S3StoreConfig config = server.smallPartsConfig().withBucket(bucket, true);
        S3Client client = new S3Client(config, null);
        client.createBucket();
        try (S3Store full = S3StoreFactory.create(config)) {
            server.radosgwAdmin("quota", "set", "--quota-scope=bucket", "--bucket=" + bucket, "--max-size=" + MIB);
            server.radosgwAdmin("quota", "enable", "--quota-scope=bucket", "--bucket=" + bucket);
            for (OptionalLong size : List.of(OptionalLong.empty(), OptionalLong.of(12 * MIB))) {
                String id = newId();
                byte[] data = bytes((int) (size.isPresent() ? 12 * MIB : 2 * MIB));

                assertThatThrownBy(() -> full.add(id, new ByteArrayInputStream(data), size))
                        .isInstanceOfSatisfying(StoreException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.STORAGE_FULL);
                            assertThat(e.getMessage()).isEqualTo("There is not enough disk space on the image storage media.");
                        });
                assertThat(full.multipartUploads(id)).isEmpty();
                assertThatThrownBy(() -> full.size(full.uploadLocation(id).orElseThrow()))
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
            }
        } finally {
            client.exchange("DELETE", null, Map.of(), Map.of(), null, null).body().close();
            client.close();
        }
    }

    @Test
    void theSecretIsInNoExceptionMessage() throws IOException {
        List<String> messages = new ArrayList<>();
        String missing = missingLocation();
        messages.add(messageOf(() -> store.get(missing, 0)));
        messages.add(messageOf(() -> store.size(missing)));
        messages.add(messageOf(() -> store.get(missing.replace(server.bucket(), "no-such-bucket"), 0)));
        S3TestServer wrongSecret = new S3TestServer(server.endpoint(), server.accessKey(), server.secretKey() + "x",
                server.bucket());
        try (S3Store refused = S3StoreFactory.create(S3StoreConfig.from(wrongSecret.options("")))) {
            messages.add(messageOf(() -> refused.add(newId(), new ByteArrayInputStream(bytes(10)))));
            messages.add(messageOf(() -> refused.get(missing, 0)));
            messages.add(messageOf(() -> refused.delete(missing)));
            messages.add(refused.toString());
        }
        messages.add(messageOf(() -> S3StoreConfig.from(withHost(server, "http://[bad"))));
        messages.add(store.toString());
        messages.add(server.smallPartsConfig().toString());

        assertThat(messages).hasSizeGreaterThan(8).allSatisfy(m -> {
            assertThat(m).isNotEmpty().doesNotContain(server.secretKey());
        });
        assertThat(messages.get(3)).contains("HTTP 403"); // the signature was refused, not some other failure
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (StoreException | ConfigException e) {
            Throwable t = e;
            StringBuilder all = new StringBuilder();
            while (t != null) {
                all.append(t).append('\n');
                t = t.getCause();
            }
            return all.toString();
        }
        throw new AssertionError("expected a failure");
    }

    private static org.glancej.store.StoreSection withHost(S3TestServer server, String host) {
        return new S3TestServer(host, server.accessKey(), server.secretKey(), server.bucket()).options("");
    }

    private String etag(String id) {
        S3Client client = new S3Client(server.smallPartsConfig(), null);
        try {
            S3Client.Response response = client.exchange("HEAD", id, Map.of(), Map.of(), null, null);
            response.body().close();
            return response.headers().firstValue("ETag").orElseThrow();
        } finally {
            client.close();
        }
    }

    private void assertReadsBack(StoredData stored, byte[] data) throws IOException {
        assertThat(store.size(stored.locationUrl())).isEqualTo(data.length);
        try (InputStream in = store.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        int from = Math.min((int) (5 * MIB) - 3, data.length - 10); // across the first part boundary when there is one
        try (InputStream in = store.get(stored.locationUrl(), from, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, from, from + 10));
        }
    }

    private static InputStream failingAfter(long bytes, RuntimeException failure) {
        return new InputStream() {
            private long served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= bytes) {
                    throw failure;
                }
                int n = (int) Math.min(len, bytes - served);
                served += n;
                return n;
            }
        };
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
