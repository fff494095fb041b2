package org.glancej.store.rbd;

import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Negative errno results of librados and librbd as the store's failures. Messages name the operation and the
 * error, never the cephx key or the keyring (librados never puts them in an errno).
 */
final class CephErrors {
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int ENOTEMPTY = 39;
    static final int ERANGE = 34;
    static final int ETIMEDOUT = 110;
    static final int EDQUOT = 122;

    private CephErrors() {}

    /** The store's failure for {@code result}, a negative errno from {@code operation}. */
    static StoreException of(String operation, long result) {
        int errno = (int) -result;
        String message = "RBD store: " + operation + " failed: " + describe(errno);
        Reason reason = switch (errno) {
            case ENOENT -> Reason.NOT_FOUND;
            // glance_store's StorageFull text follows, as the file store gives it
            case ENOSPC, EDQUOT -> Reason.STORAGE_FULL;
            case EBUSY, ENOTEMPTY -> Reason.IN_USE;
            default -> Reason.UNAVAILABLE;
        };
        if (reason == Reason.STORAGE_FULL) {
            message = "There is not enough disk space on the image storage media. (" + message + ")";
        }
        return new StoreException(reason, message);
    }

    /** Throws {@link #of} when {@code result} is negative; returns it otherwise. */
    static long check(String operation, long result) {
        if (result < 0) {
            throw of(operation, result);
        }
        return result;
    }

    static String describe(int errno) {
        return switch (errno) {
            case ENOENT -> "no such image or snapshot (ENOENT)";
            case EIO -> "I/O error (EIO)";
            case EACCES -> "permission denied by the cluster (EACCES)";
            case 1 -> "operation not permitted by the cluster (EPERM)";
            case EBUSY -> "in use (EBUSY)";
            case EEXIST -> "already exists (EEXIST)";
            case EINVAL -> "invalid argument (EINVAL)";
            case ENOSPC -> "no space left (ENOSPC)";
            case ENOTEMPTY -> "has snapshots or clones (ENOTEMPTY)";
            case 108 -> "the client was blocklisted by the cluster (ESHUTDOWN)";
            case ETIMEDOUT -> "timed out (ETIMEDOUT)";
            case 111 -> "connection refused (ECONNREFUSED)";
            case EDQUOT -> "pool quota exceeded (EDQUOT)";
            default -> "error " + errno;
        };
    }
}
