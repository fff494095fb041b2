package org.glancej.store.rbd;

import java.lang.foreign.MemorySegment;
import java.util.Optional;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/** Removes an image as upstream does: unprotect and remove its snapshot, then the image. Runs on the native pool. */
final class RbdRemoval {
    private RbdRemoval() {}

    /**
     * Removes {@code image} and its {@code snapshot}; an image already gone is success. A snapshot with clones, or
     * an image still open for writing elsewhere, is {@link Reason#IN_USE} and nothing is removed.
     */
    static void remove(MemorySegment ioctx, String image, Optional<String> snapshot) {
        if (snapshot.isPresent() && snapshotExists(ioctx, image, snapshot.get())) {
            RbdImage opened;
            try {
                opened = RbdImage.open(ioctx, image);
            } catch (StoreException e) {
                if (e.reason() == Reason.NOT_FOUND) {
                    return;
                }
                throw e;
            }
            try (opened) {
                removeSnapshot(opened, image, snapshot.get());
            }
        }
        int result = RbdImage.remove(ioctx, image);
        if (result >= 0) {
            return;
        }
        if (result == -CephErrors.ENOENT) {
            // librbd moves an image to the trash before removing it, and answers ENOENT when that move fails (on a
            // full pool): only an image that really is gone is success
            if (exists(ioctx, image)) {
                throw new StoreException(Reason.UNAVAILABLE, "RBD image " + image + " could not be removed;"
                        + " the pool may be full");
            }
            return;
        }
        if (result == -CephErrors.ENOTEMPTY) {
            throw new StoreException(Reason.IN_USE, "RBD image " + image + " still has snapshots");
        }
        if (result == -CephErrors.EBUSY) {
            throw new StoreException(Reason.IN_USE, "RBD image " + image + " is in use");
        }
        throw CephErrors.of("removing image " + image, result);
    }

    /**
     * Whether the snapshot (and so the image) is there, asked by a read-only open, which registers no watch: the
     * image's failed upload never took one, and a writable open in an outage can leave a watch behind.
     */
    private static boolean snapshotExists(MemorySegment ioctx, String image, String snapshot) {
        try {
            RbdImage.openReadOnly(ioctx, image, snapshot).close();
            return true;
        } catch (StoreException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static boolean exists(MemorySegment ioctx, String image) {
        try {
            RbdImage.openReadOnly(ioctx, image, null).close();
            return true;
        } catch (StoreException e) {
            return e.reason() != Reason.NOT_FOUND;
        }
    }

    private static void removeSnapshot(RbdImage opened, String image, String snapshot) {
        int unprotected = opened.unprotectSnapshot(snapshot);
        if (unprotected == -CephErrors.EBUSY) {
            throw new StoreException(Reason.IN_USE, "RBD image " + image + " has clones of its snapshot "
                    + snapshot + " (volumes or instances booted from it)");
        }
        // EINVAL: it was not protected; ENOENT: there is no such snapshot
        if (unprotected < 0 && unprotected != -CephErrors.EINVAL && unprotected != -CephErrors.ENOENT) {
            throw CephErrors.of("unprotecting snapshot " + image + "@" + snapshot, unprotected);
        }
        int removed = opened.removeSnapshot(snapshot);
        if (removed == -CephErrors.EBUSY) {
            throw new StoreException(Reason.IN_USE, "RBD snapshot " + image + "@" + snapshot + " is in use");
        }
        if (removed < 0 && removed != -CephErrors.ENOENT) {
            throw CephErrors.of("removing snapshot " + image + "@" + snapshot, removed);
        }
    }
}
