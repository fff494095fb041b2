package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link ImageStore} contract; every backend's test extends this against its real server. */
public abstract class ImageStoreContractTest {

    /** A fresh, empty store. */
    protected abstract ImageStore store();

    /** Whether any data for the image is left in the backend (to prove failed writes leave nothing). */
    protected abstract boolean anythingStoredFor(String imageId);

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void addedDataReadsBackWholeAndFromAnOffset() throws IOException {
        ImageStore store = store();
        byte[] data = bytes(3 * 1024 * 1024 + 17);
        String id = UUID.randomUUID().toString();

        ImageStore.StoredData stored = store.add(id, new ByteArrayInputStream(data));

        assertThat(stored.bytesWritten()).isEqualTo(data.length);
        assertThat(store.owns(stored.locationUrl())).isTrue();
        assertThat(store.size(stored.locationUrl())).isEqualTo(data.length);
        try (InputStream in = store.get(stored.locationUrl(), 0)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = store.get(stored.locationUrl(), 1000)) {
            assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 1010));
        }
    }

    @Test
    void emptyImageIsStored() {
        ImageStore store = store();
        ImageStore.StoredData stored = store.add(UUID.randomUUID().toString(), InputStream.nullInputStream());
        assertThat(stored.bytesWritten()).isZero();
        assertThat(store.size(stored.locationUrl())).isZero();
    }

    @Test
    void failingSourceLeavesNothingAndItsExceptionPassesThrough() {
        ImageStore store = store();
        String id = UUID.randomUUID().toString();
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

        assertThatThrownBy(() -> store.add(id, failing)).isSameAs(boom);
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void deleteRemovesDataAndDeletingAgainSucceeds() {
        ImageStore store = store();
        String id = UUID.randomUUID().toString();
        ImageStore.StoredData stored = store.add(id, new ByteArrayInputStream(bytes(10)));

        store.delete(stored.locationUrl());
        store.delete(stored.locationUrl());

        assertThat(anythingStoredFor(id)).isFalse();
        assertThatThrownBy(() -> store.get(stored.locationUrl(), 0))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND));
    }

    @Test
    void foreignLocationsAreRefused() {
        ImageStore store = store();
        assertThat(store.owns("http://example.com/image")).isFalse();
        assertThatThrownBy(() -> store.get("file:///etc/passwd", 0)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.delete("file:///etc/passwd")).isInstanceOf(StoreException.class);
    }
}
