package org.glancej.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.glancej.store.StoreException.Reason;
import org.junit.jupiter.api.Test;

class StoreAvailabilityTest {
    private final StoreAvailability availability = new StoreAvailability();

    @Test
    void anUnavailableServerIsRememberedUntilACallReachesIt() {
        assertThatThrownBy(() -> availability.track(() -> {
            throw new StoreException(Reason.UNAVAILABLE, "Swift at x refused the credentials");
        })).isInstanceOf(StoreException.class);
        assertThat(availability.problem()).contains("Swift at x refused the credentials");

        assertThat(availability.track(() -> 42)).isEqualTo(42);
        assertThat(availability.problem()).isEmpty();
    }

    @Test
    void anotherAnswerOfTheServerClearsTheProblemAndADataFailureLeavesIt() {
        availability.failed("login refused at startup");
        assertThatThrownBy(() -> availability.track(() -> {
            throw new UncheckedIOException(new java.io.IOException("client went away"));
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(availability.problem()).contains("login refused at startup");

        assertThatThrownBy(() -> availability.track(() -> {
            throw new StoreException(Reason.NOT_FOUND, "no such object");
        })).isInstanceOf(StoreException.class);
        assertThat(availability.problem()).isEmpty();
    }
}
