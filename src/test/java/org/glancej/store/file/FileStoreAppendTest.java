package org.glancej.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.glancej.store.ImageStore;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileStore#append}: how resumable staging continues a file, and what a failure leaves. */
class FileStoreAppendTest {
    @TempDir
    Path dir;

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void partsWrittenInTurnMakeTheWholeData() throws Exception {
        FileStore store = new FileStore(dir);
        byte[] data = randomBytes(1_000_000);

        ImageStore.StoredData first = store.append("img", 0, new ByteArrayInputStream(data, 0, 300_001));
        ImageStore.StoredData rest = store.append("img", 300_001,
                new ByteArrayInputStream(Arrays.copyOfRange(data, 300_001, data.length)));

        assertThat(first.bytesWritten()).isEqualTo(300_001);
        assertThat(rest.bytesWritten()).isEqualTo(data.length);
        assertThat(rest.locationUrl()).isEqualTo(store.uploadLocation("img").orElseThrow());
        assertThat(Files.readAllBytes(dir.resolve("img"))).isEqualTo(data);
    }

    @Test
    void anOffsetOtherThanTheBytesHeldIsRefusedAndTouchesNothing() throws Exception {
        FileStore store = new FileStore(dir);
        store.append("img", 0, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        for (long offset : new long[] {0, 2, 4}) {
            assertThatThrownBy(() -> store.append("img", offset, new ByteArrayInputStream(new byte[] {9})))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_LOCATION));
        }
        assertThatThrownBy(() -> store.append("other", 5, new ByteArrayInputStream(new byte[] {9})))
                .isInstanceOf(StoreException.class);
        assertThat(Files.readAllBytes(dir.resolve("img"))).containsExactly(1, 2, 3);
        assertThat(dir.resolve("other")).doesNotExist();
    }

    @Test
    void aFailingSourceLeavesEveryByteItGaveAndItsExceptionUnchanged() throws Exception {
        FileStore store = new FileStore(dir);
        byte[] data = randomBytes(200_000);
        UncheckedIOException cut = new UncheckedIOException(new java.io.IOException("client went away"));
        InputStream failing = new InputStream() {
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= 150_000) {
                    throw cut;
                }
                int n = Math.min(Math.min(len, 7_000), 150_000 - next);
                System.arraycopy(data, next, b, off, n);
                next += n;
                return n;
            }
        };

        assertThatThrownBy(() -> store.append("img", 0, failing)).isSameAs(cut);

        assertThat(Files.readAllBytes(dir.resolve("img"))).isEqualTo(Arrays.copyOf(data, 150_000));
    }
}
