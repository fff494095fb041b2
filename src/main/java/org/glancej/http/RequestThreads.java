package org.glancej.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handles requests on a fixed set of platform threads, in the order they arrive. Each connection is served by a
 * virtual thread, and a virtual thread keeps its carrier until it blocks: under saturation, a connection whose
 * next request is already waiting when its thread comes back to read is served again at once, over and over,
 * while the others' threads wait in the scheduler's queues. Measured with 256 clients: half the requests were
 * answered in under a millisecond and some waited seconds, with some connections served twenty times as often as
 * others. Here every request queues once, first in first out, and the kernel time-slices the threads that handle
 * them; connections still wait for their next request on cheap virtual threads. Requests that carry a body, and
 * image downloads, stay on their connection's thread: they go at the client's pace (a body may arrive a byte at
 * a time for minutes), and would hold a handling thread meanwhile.
 */
final class RequestThreads implements Filter {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor threads;

    /** @param count requests handled at once */
    RequestThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        String prefix = "request-" + POOLS.incrementAndGet() + "-";
        AtomicInteger ids = new AtomicInteger();
        threads = new ThreadPoolExecutor(count, count, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().daemon().name(prefix + ids.incrementAndGet()).unstarted(task));
        // idle threads end, so a server that stopped leaves none behind
        threads.allowCoreThreadTimeOut(true);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.content().hasEntity() || transfersData(req.path().rawPath())) {
            chain.proceed();
            return;
        }
        await(threads.submit(chain::proceed));
    }

    static boolean transfersData(String path) {
        return path.endsWith("/file") || path.endsWith("/stage");
    }

    /** Requests waiting for a thread now. */
    int waiting() {
        return threads.getQueue().size();
    }

    // the request is under way on another thread: wait for it whatever happens to this one
    private static void await(Future<?> handled) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    handled.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }
}
