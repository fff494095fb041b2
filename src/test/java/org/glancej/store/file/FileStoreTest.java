package org.glancej.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.store.ImageStore;
import org.glancej.store.ImageStoreContractTest;
import org.glancej.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends ImageStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected ImageStore store() {
        return new FileStore(dir.resolve("images"));
    }

    @Override
    protected boolean anythingStoredFor(String imageId) {
        return Files.exists(dir.resolve("images").resolve(imageId));
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
