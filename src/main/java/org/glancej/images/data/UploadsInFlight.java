package org.glancej.images.data;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * The uploads this process is receiving. It lets the heartbeat name them, lets recovery tell this process's
 * live uploads from the ones it lost, and lets shutdown wait for them, then cut off those still running. It also
 * knows how many bytes each has received so far, for live progress.
 */
public final class UploadsInFlight {
    private final Set<String> imageIds = ConcurrentHashMap.newKeySet();
    private final Map<String, LongSupplier> received = new ConcurrentHashMap<>();
    private final Map<String, Long> lastReported = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private volatile boolean cutOff;

    /** Registers an upload about to start; refused with 503 once the service is shutting down. */
    public void register(String imageId) {
        if (draining) {
            throw shuttingDown();
        }
        imageIds.add(imageId);
    }

    /** Tells where the bytes received by a registered upload can be counted. */
    public void track(String imageId, LongSupplier bytesReceived) {
        received.put(imageId, bytesReceived);
    }

    /** The bytes received so far by an upload of this process, if one is running. */
    public OptionalLong received(String imageId) {
        LongSupplier counter = received.get(imageId);
        return counter == null ? OptionalLong.empty() : OptionalLong.of(counter.getAsLong());
    }

    /** The uploads whose count changed since the last call, with their counts. */
    public Map<String, Long> changedProgress() {
        Map<String, Long> changed = new HashMap<>();
        received.forEach((id, counter) -> {
            long now = counter.getAsLong();
            Long before = lastReported.put(id, now);
            if (before == null || before != now) {
                changed.put(id, now);
            }
        });
        lastReported.keySet().retainAll(received.keySet());
        return changed;
    }

    public void unregister(String imageId) {
        received.remove(imageId);
        synchronized (imageIds) {
            imageIds.remove(imageId);
            imageIds.notifyAll();
        }
    }

    public boolean contains(String imageId) {
        return imageIds.contains(imageId);
    }

    public Set<String> imageIds() {
        return Set.copyOf(imageIds);
    }

    public boolean isDraining() {
        return draining;
    }

    /** Whether uploads still running must stop reading: the shutdown's grace period is over. */
    public boolean isCutOff() {
        return cutOff;
    }

    /** Refuses new uploads and waits up to {@code grace} for those running; true if none is left. */
    public boolean drain(Duration grace) {
        draining = true;
        return awaitEmpty(grace);
    }

    /** Makes the uploads still running fail at their next read, then waits up to {@code wait} for them to end. */
    public boolean cutOff(Duration wait) {
        cutOff = true;
        return awaitEmpty(wait);
    }

    private boolean awaitEmpty(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (imageIds) {
            while (!imageIds.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    imageIds.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    static GlanceException shuttingDown() {
        return new GlanceException(ErrorKind.SERVICE_UNAVAILABLE,
                "The Image service is shutting down; retry the request.");
    }
}
