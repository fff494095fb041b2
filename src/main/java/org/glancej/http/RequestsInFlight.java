package org.glancej.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being served, answers included, so that a stopping service can let the ones it accepted
 * finish (a download to a slow client, say) before the server closes their connections. The web server itself
 * gives them half a second. Every request passes here: counting takes no lock, and only a stop waits.
 */
public final class RequestsInFlight implements Filter {
    /** How long a stop sleeps between looks at the count, which no request wakes it from. */
    private static final long POLL_MILLIS = 20;

    private final AtomicInteger running = new AtomicInteger();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        running.incrementAndGet();
        try {
            chain.proceed();
        } finally {
            running.decrementAndGet();
        }
    }

    public int running() {
        return running.get();
    }

    /** Waits up to {@code wait} until no request is being served; true if none is left. */
    public boolean awaitNone(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
