package org.glancej.store.s3;

/**
 * When a request body last moved, so an upload can tell a silent server from a slow client: while the caller's
 * data is being read the upload is not idle, however long the client takes; once the server stops taking bytes,
 * or does not answer after the last one, it is.
 */
final class UploadProgress {
    private volatile long lastMoved = System.nanoTime();
    private volatile boolean waitingForCaller;

    void moved() {
        lastMoved = System.nanoTime();
    }

    void waitingForCaller(boolean waiting) {
        waitingForCaller = waiting;
        lastMoved = System.nanoTime();
    }

    /** How long the body has not moved for the server's sake. */
    long idleNanos() {
        return waitingForCaller ? 0 : System.nanoTime() - lastMoved;
    }
}
