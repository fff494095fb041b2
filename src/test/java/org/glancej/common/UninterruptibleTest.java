package org.glancej.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UninterruptibleTest {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptDoesNotEndTheWaitAndIsKept() throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread waiter = Thread.currentThread();
        Thread.ofPlatform().start(() -> {
            pause(100);
            waiter.interrupt();
            pause(100);
            result.complete("done");
        });

        assertThat(Uninterruptible.get(result)).isEqualTo("done");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void theTimedWaitEndsAtItsDeadlineThroughInterrupts() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Thread waiter = Thread.currentThread();
        Thread.ofPlatform().start(() -> {
            pause(50);
            waiter.interrupt();
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> Uninterruptible.get(never, Duration.ofMillis(300)))
                .isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aFailureComesBackAsItsCause() {
        IllegalStateException failure = new IllegalStateException("broken");
        assertThatThrownBy(() -> Uninterruptible.get(CompletableFuture.failedFuture(failure), Duration.ofSeconds(1)))
                .isInstanceOf(ExecutionException.class)
                .hasCause(failure);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
