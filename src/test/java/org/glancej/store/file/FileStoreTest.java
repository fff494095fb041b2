package org.glancej.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends ImageStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected ImageStore store() {
        return new FileStore(dir.resolve("images"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4095, 4096, 4097, DirectFileSink.BUFFER, DirectFileSink.BUFFER + 1, 3 * DirectFileSink.BUFFER - 512})
    void directWritesKeepTheExactSizeAndBytes(int size) throws Exception {
        FileStore store = new FileStore(dir.resolve("images"));
        assumeTrue(store.usesDirectIo(), "this filesystem refuses O_DIRECT");
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);

        ImageStore.StoredData stored = store.add("img-" + size, new ByteArrayInputStream(data));

        Path file = dir.resolve("images").resolve("img-" + size);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(stored.bytesWritten()).isEqualTo(size);
    }

    @Test
    void directIoProbeLeavesNoScratchFile() throws Exception {
        new FileStore(dir.resolve("images"));
        try (var files = Files.list(dir.resolve("images"))) {
            assertThat(files).isEmpty();
        }
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        return Files.exists(dir.resolve("images").resolve(imageId));
    }

    @Test
    void aFullDiskIsStorageFullInGlanceStoresWords() {
        StoreException full = FileStore.translate(new java.io.IOException("No space left on device"));

        assertThat(full.reason()).isEqualTo(StoreException.Reason.STORAGE_FULL);
        assertThat(full.getMessage()).isEqualTo("There is not enough disk space on the image storage media.");
        assertThat(FileStore.translate(new java.io.IOException("Disk quota exceeded")).reason())
                .isEqualTo(StoreException.Reason.STORAGE_FULL);
    }

    @Test
    void locationsAreUpstreamsFileUrls() {
        ImageStore.StoredData stored = store().add("abc", new ByteArrayInputStream(new byte[] {1}));
        assertThat(stored.locationUrl()).isEqualTo("file://" + dir.resolve("images").toAbsolutePath() + "/abc");
    }

    @Test
    void pathTraversalInLocationsOrIdsIsRefused() {
        ImageStore store = store();
        assertThatThrownBy(() -> store.get("file://" + dir.resolve("images") + "/../secret", 0))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.add("../escape", new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(StoreException.class);
        assertThat(Files.exists(dir.resolve("escape"))).isFalse();
    }
}
