package org.glancej.common;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for work that must be waited for whatever happens to the waiting thread (native memory still in use, a
 * request under way on another thread): an interrupt does not end the wait; it is kept for the caller to see.
 */
public final class Uninterruptible {
    private Uninterruptible() {}

    /** The future's result, however long it takes. */
    public static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            keep(interrupted);
        }
    }

    /** The future's result, waiting at most {@code timeout} in all. */
    public static <T> T get(Future<T> future, Duration timeout) throws ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            keep(interrupted);
        }
    }

    private static void keep(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
