package org.glancej.images.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

class UploadsInFlightTest {
    @Test
    void drainWaitsForRunningUploadsAndRefusesNewOnes() throws Exception {
        UploadsInFlight uploads = new UploadsInFlight();
        uploads.register("a");
        Thread finisher = Thread.ofPlatform().start(() -> {
            sleep(200);
            uploads.unregister("a");
        });

        assertThat(uploads.drain(Duration.ofSeconds(5))).isTrue();
        assertThatThrownBy(() -> uploads.register("b")).isInstanceOfSatisfying(GlanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVICE_UNAVAILABLE));
        assertThat(uploads.isCutOff()).isFalse();
        finisher.join();
    }

    @Test
    void anUploadOutlastingTheGracePeriodIsCutOff() {
        UploadsInFlight uploads = new UploadsInFlight();
        uploads.register("slow");

        assertThat(uploads.drain(Duration.ofMillis(100))).isFalse();
        assertThat(uploads.isCutOff()).isFalse();
        assertThat(uploads.cutOff(Duration.ofMillis(50))).isFalse();
        assertThat(uploads.isCutOff()).isTrue();
        uploads.unregister("slow");
        assertThat(uploads.cutOff(Duration.ofMillis(50))).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
