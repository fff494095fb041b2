package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageIdsTest {

    @Test
    void uuidIsLowerCased() {
        assertThat(ImageIds.canonical("8A3E2B1C-5D4F-4E6A-9B8C-7D6E5F4A3B2C"))
                .isEqualTo("8a3e2b1c-5d4f-4e6a-9b8c-7d6e5f4a3b2c");
        assertThat(ImageIds.canonical("8a3e2b1c-5d4f-4e6a-9b8c-7d6e5f4a3b2c"))
                .isEqualTo("8a3e2b1c-5d4f-4e6a-9b8c-7d6e5f4a3b2c");
    }

    @Test
    void anythingElseIsLeftAsGiven() {
        assertThat(ImageIds.canonical("NOT-A-UUID")).isEqualTo("NOT-A-UUID");
        assertThat(ImageIds.canonical("8A3E2B1C-5D4F-4E6A-9B8C-7D6E5F4A3B2CX")).isEqualTo("8A3E2B1C-5D4F-4E6A-9B8C-7D6E5F4A3B2CX");
        assertThat(ImageIds.canonical(null)).isNull();
    }
}
