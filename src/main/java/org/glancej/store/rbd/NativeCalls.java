package org.glancej.store.rbd;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancej.common.Uninterruptible;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * A bounded pool of platform threads that make the store's blocking librados/librbd calls. A downcall pins the
 * virtual thread making it to its carrier, so requests (on virtual threads) hand calls to this pool and wait
 * for the result, which unmounts them instead.
 */
final class NativeCalls implements AutoCloseable {
    private final ExecutorService pool;

    NativeCalls(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = Thread.ofPlatform().daemon().name(name + "-" + count.incrementAndGet()).unstarted(task);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /** Starts {@code call} on the pool; its failure surfaces from {@link #await}. */
    <T> Future<T> submit(Callable<T> call) {
        try {
            return pool.submit(call);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StoreException(Reason.UNAVAILABLE, "RBD store is closed", e));
        }
    }

    /** Runs {@code call} on the pool and waits for it. */
    <T> T call(Callable<T> call) {
        return await(submit(call));
    }

    /**
     * The result of a submitted call. Waits even when interrupted (the interrupt is kept): native memory the call
     * uses may only be freed once it has returned.
     */
    static <T> T await(Future<T> future) {
        try {
            return Uninterruptible.get(future);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new StoreException(Reason.UNAVAILABLE, "RBD store: " + cause, cause);
    }

    /** Lets running calls finish (a native call cannot be interrupted), then stops the threads. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
