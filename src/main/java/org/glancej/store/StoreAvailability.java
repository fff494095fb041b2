package org.glancej.store;

import java.util.Optional;
import java.util.function.Supplier;
import org.glancej.store.StoreException.Reason;

/**
 * Whether a store's server could be used when last tried, for {@link ImageStore#unavailable()}: the one way a store
 * whose server refuses its credentials or cannot be reached, at startup or later, is reported. Such a store keeps
 * its capabilities and tries its server again on every call, so a server that comes back (or accepts the
 * credentials again) is used without a restart; calls meanwhile fail with {@link Reason#UNAVAILABLE} (503).
 */
public final class StoreAvailability {
    private volatile String problem;

    /** Why the store cannot be used, as last seen; empty once a call reached its server. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Records that the server cannot be used now, e.g. a login refused at startup. */
    public void failed(String why) {
        problem = why;
    }

    /** Records that the server answered. */
    public void reached() {
        problem = null;
    }

    /**
     * Runs a call to the store's server: an {@link Reason#UNAVAILABLE} failure is remembered, any answer of the
     * server (a result, or another failure such as {@code NOT_FOUND}) clears what was remembered.
     */
    public <T> T track(Supplier<T> call) {
        try {
            T result = call.get();
            problem = null;
            return result;
        } catch (StoreException e) {
            problem = e.reason() == Reason.UNAVAILABLE ? e.getMessage() : null;
            throw e;
        }
    }

    public void track(Runnable call) {
        track(() -> {
            call.run();
            return null;
        });
    }
}
