package org.glancej.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStoreContractTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store contract through the page cache, the write path taken on filesystems that refuse direct I/O (tmpfs,
 * some network filesystems). A top-level class: the build's test runner skips nested ones.
 */
class BufferedFileStoreTest extends ImageStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected FileStore store() {
        FileStore store = new FileStore(dir.resolve("images"), false);
        assertThat(store.usesDirectIo()).isFalse();
        return store;
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        return Files.exists(dir.resolve("images").resolve(imageId));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, 4097, DirectFileSink.BUFFER + 1, 3 * DirectFileSink.BUFFER - 512})
    void bufferedWritesKeepTheExactSizeAndBytes(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);

        ImageStore.StoredData stored = store().add("img-" + size, new ByteArrayInputStream(data));

        Path file = dir.resolve("images").resolve("img-" + size);
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(stored.bytesWritten()).isEqualTo(size);
    }
}
