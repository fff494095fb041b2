package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glancej.store.ImageStore.StoredData;
import org.junit.jupiter.api.Test;

/**
 * The {@link ImageStore} contract; every backend's test extends this against its real server. Tests that
 * write skip on read-only stores, and the read-only test skips on writable ones: {@link #seed} puts data where
 * a read-only store serves it.
 */
public abstract class ImageStoreContractTest {

    /** The store under test; the same instance or a fresh one, but always against the same backend. */
    protected abstract ImageStore store();

    /** Whether any data for the image is left in the backend (to prove failed writes leave nothing). */
    protected abstract boolean anythingStoredFor(String imageId);

    /** Puts data where the store serves it: by default the store's own {@link ImageStore#add}. */
    protected StoredData seed(String imageId, byte[] data) {
        return store().add(imageId, new ByteArrayInputStream(data));
    }

    /** A location of the store's own form whose data does not exist. */
    protected String missingLocation() {
        String id = UUID.randomUUID().toString();
        StoredData stored = seed(id, bytes(1));
        store().delete(stored.locationUrl());
        return stored.locationUrl();
    }

    protected static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void seededDataReadsBackWholeFromAnOffsetAndAsARange() throws IOException {
        ImageStore store = store();
        byte[] data = bytes(3 * 1024 * 1024 + 17);

        StoredData stored = seed(newId(), data);

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        assertThat(store.owns(stored.locationUrl())).isTrue();
        assertThat(store.size(stored.locationUrl())).isEqualTo(data.length);
        try (InputStream in = store.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = store.get(stored.locationUrl(), 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1000, data.length));
        }
        try (InputStream in = store.get(stored.locationUrl(), 2 * 1024 * 1024 - 5, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 2 * 1024 * 1024 - 5, 2 * 1024 * 1024 + 5));
        }
    }

    @Test
    void aFileRegionWhenOfferedHoldsTheBytesGetReads() throws IOException {
        ImageStore store = store();
        byte[] data = bytes(1024 * 1024 + 3);
        StoredData stored = seed(newId(), data);
        assumeTrue(store.fileRegion(stored.locationUrl(), 0, ImageStore.TO_END).map(r -> {
            r.close();
            return true;
        }).orElse(false), "store offers no file regions");

        assertThat(regionBytes(store, stored.locationUrl(), 0, ImageStore.TO_END)).isEqualTo(data);
        assertThat(regionBytes(store, stored.locationUrl(), 1000, ImageStore.TO_END))
                .isEqualTo(Arrays.copyOfRange(data, 1000, data.length));
        assertThat(regionBytes(store, stored.locationUrl(), 5, 10)).isEqualTo(Arrays.copyOfRange(data, 5, 15));
        assertThat(regionBytes(store, stored.locationUrl(), data.length - 1, 1))
                .isEqualTo(Arrays.copyOfRange(data, data.length - 1, data.length));
        String missing = missingLocation();
        assertThatThrownBy(() -> store.fileRegion(missing, 0, ImageStore.TO_END)).isInstanceOfSatisfying(
                StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND));
    }

    private static byte[] regionBytes(ImageStore store, String location, long offset, long length) throws IOException {
        try (FileRegion region = store.fileRegion(location, offset, length).orElseThrow()) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(Math.toIntExact(region.count()));
            while (bytes.hasRemaining() && region.channel().read(bytes, region.position() + bytes.position()) > 0) {
                // reads until the region is full or the file ends
            }
            return Arrays.copyOf(bytes.array(), bytes.position());
        }
    }

    @Test
    void manyConcurrentReadersGetTheSameBytes() throws Exception {
        byte[] data = bytes(1024 * 1024 + 3);
        StoredData stored = seed(newId(), data);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int offset = i * 1000;
                reads.add(pool.submit(() -> {
                    try (InputStream in = store().get(stored.locationUrl(), offset)) {
                        return in.readAllBytes();
                    }
                }));
            }
            for (int i = 0; i < reads.size(); i++) {
                assertThat(reads.get(i).get()).isEqualTo(Arrays.copyOfRange(data, i * 1000, data.length));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void dataWithItsSizeAnnouncedReadsBack() throws IOException {
        assumeTrue(store().capabilities().writable(), "read-only store");
        byte[] data = bytes(2 * 1024 * 1024 + 5);
        String id = newId();

        StoredData stored = store().add(id, new ByteArrayInputStream(data), OptionalLong.of(data.length));

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        try (InputStream in = store().get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void uploadLocationWhenKnownIsWhereAddWrites() {
        assumeTrue(store().capabilities().writable(), "read-only store");
        String id = newId();
        var announced = store().uploadLocation(id);
        StoredData stored = store().add(id, new ByteArrayInputStream(bytes(10)));
        announced.ifPresent(url -> assertThat(stored.locationUrl()).isEqualTo(url));
    }

    @Test
    void emptyImageIsStored() {
        assumeTrue(store().capabilities().writable(), "read-only store");
        StoredData stored = store().add(newId(), InputStream.nullInputStream());
        assertThat(stored.bytesWritten()).isZero();
        assertThat(store().size(stored.locationUrl())).isZero();
    }

    @Test
    void failingSourceLeavesNothingAndItsExceptionPassesThrough() {
        assumeTrue(store().capabilities().writable(), "read-only store");
        String id = newId();
        UncheckedIOException boom = new UncheckedIOException(new IOException("client went away"));
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served > 2 * 1024 * 1024) {
                    throw boom;
                }
                served += len;
                return len;
            }
        };

        assertThatThrownBy(() -> store().add(id, failing)).isSameAs(boom);
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void deleteRemovesDataAndDeletingAgainSucceeds() {
        assumeTrue(store().capabilities().deletable(), "store does not delete");
        String id = newId();
        StoredData stored = store().add(id, new ByteArrayInputStream(bytes(10)));

        store().delete(stored.locationUrl());
        store().delete(stored.locationUrl());

        assertThat(anythingStoredFor(id)).isFalse();
        assertThatThrownBy(() -> store().get(stored.locationUrl(), 0))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND));
    }

    @Test
    void missingDataIsNotFound() {
        String missing = missingLocation();
        assertThatThrownBy(() -> store().get(missing, 0)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> store().size(missing)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND));
    }

    @Test
    void readOnlyStoreRefusesWritesAndDeletes() {
        assumeFalse(store().capabilities().writable(), "writable store");
        String id = newId();
        StoredData stored = seed(id, bytes(10));
        assertThatThrownBy(() -> store().add(newId(), new ByteArrayInputStream(bytes(10))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.READ_ONLY));
        assertThatThrownBy(() -> store().delete(stored.locationUrl()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.READ_ONLY));
    }

    @Test
    void foreignLocationsAreRefused() {
        ImageStore store = store();
        assertThat(store.owns("file:///etc/passwd")).isFalse();
        assertThat(store.owns("gopher://example.invalid/image")).isFalse();
        assertThatThrownBy(() -> store.get("file:///etc/passwd", 0)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.size("file:///etc/passwd")).isInstanceOf(StoreException.class);
    }

    @Test
    void errorMessagesCarryNoLocationCredentials() {
        String missing = missingLocation();
        assertThatThrownBy(() -> store().get(missing, 0)).isInstanceOfSatisfying(StoreException.class, e -> {
            if (LocationUrls.carriesCredentials(missing)) {
                assertThat(String.valueOf(e.getMessage())).doesNotContain(missing.substring(0, missing.lastIndexOf('@')));
            }
        });
    }
}
