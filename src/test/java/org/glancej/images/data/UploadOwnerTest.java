package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadOwnerTest {
    private final UploadOwner self = new UploadOwner("node1", "boot-a", 100, 5000);

    @Test
    void idRoundTrips() {
        assertThat(UploadOwner.parse(self.id())).contains(self);
        assertThat(UploadOwner.parse("an upstream value")).isEmpty();
    }

    @Test
    void aProcessOfThisBootIsGoneWhenItsPidNoLongerRunsOrRunsAnotherProcess() {
        UploadOwner other = new UploadOwner("node1", "boot-a", 200, 7000);

        assertThat(self.knowsGone(other, pid -> Optional.empty())).isTrue();
        assertThat(self.knowsGone(other, pid -> Optional.of(9999L))).isTrue();
        assertThat(self.knowsGone(other, pid -> Optional.of(7000L))).isFalse();
    }

    @Test
    void nothingIsKnownOfOtherMachinesOrBoots() {
        assertThat(self.knowsGone(new UploadOwner("node2", "boot-a", 200, 7000), pid -> Optional.empty())).isFalse();
        assertThat(self.knowsGone(new UploadOwner("node1", "boot-b", 200, 7000), pid -> Optional.empty())).isFalse();
    }
}
