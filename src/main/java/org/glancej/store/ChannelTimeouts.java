package org.glancej.store;

import java.io.IOException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts for blocking channels, which have none of their own: a channel whose read has been waiting for a byte
 * longer than its limit, or whose write for room, is closed, which ends the call with an error. Time between calls
 * (a slow client taking what was read, or sending what is written) does not count. One daemon thread checks every
 * watched channel each quarter second.
 */
final class ChannelTimeouts {
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService CHECKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "store-channel-timeouts");
        t.setDaemon(true);
        return t;
    });

    static {
        CHECKER.scheduleWithFixedDelay(ChannelTimeouts::check, 250, 250, TimeUnit.MILLISECONDS);
    }

    private ChannelTimeouts() {}

    /** Starts watching {@code channel}: it is closed once a read or write waits longer than {@code limit}. */
    static Watch watch(Channel channel, Duration limit) {
        Watch watch = new Watch(channel, limit);
        WATCHED.add(watch);
        return watch;
    }

    private static void check() {
        long now = System.nanoTime();
        for (Watch watch : WATCHED) {
            long since = watch.waitingSince;
            if (since != 0 && now - since > watch.limit.toNanos()) {
                watch.expire();
            }
        }
    }

    static final class Watch {
        private final Channel channel;
        private final Duration limit;
        private volatile long waitingSince;
        private volatile boolean timedOut;

        private Watch(Channel channel, Duration limit) {
            this.channel = channel;
            this.limit = limit;
        }

        /** A read or write starts waiting. */
        void waiting() {
            waitingSince = Math.max(1, System.nanoTime());
        }

        /** The read or write returned. */
        void idle() {
            waitingSince = 0;
        }

        /** Stops watching; the channel is the caller's to close. */
        void done() {
            WATCHED.remove(this);
        }

        boolean timedOut() {
            return timedOut;
        }

        Duration limit() {
            return limit;
        }

        private void expire() {
            timedOut = true;
            WATCHED.remove(this);
            try {
                channel.close();
            } catch (IOException | RuntimeException e) {
                // closing is all that is wanted; the reader sees the channel closed either way
            }
        }
    }
}
