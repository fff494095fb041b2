package org.glancej.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;

/**
 * Counts the requests being served, answers included, so that a stopping service can let the ones it accepted
 * finish (a download to a slow client, say) before the server closes their connections. The web server itself
 * gives them half a second.
 */
public final class RequestsInFlight implements Filter {
    private final Object lock = new Object();
    private int running;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        synchronized (lock) {
            running++;
        }
        try {
            chain.proceed();
        } finally {
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Waits up to {@code wait} until no request is being served; true if none is left. */
    public boolean awaitNone(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
