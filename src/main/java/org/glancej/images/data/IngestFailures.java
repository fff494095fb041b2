package org.glancej.images.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.store.StoreException;

/** How failures while taking data in, or reading it out, reach the client, in upstream's words. */
final class IngestFailures {
    private IngestFailures() {}

    static GlanceException tooLarge() {
        return new GlanceException(ErrorKind.REQUEST_ENTITY_TOO_LARGE, "The provided image is too large.");
    }

    /** The store did not answer: removing what it was given would only wait out its timeout again. */
    static boolean isStoreUnavailable(RuntimeException e) {
        return e instanceof StoreException se && se.reason() == StoreException.Reason.UNAVAILABLE;
    }

    static boolean isCapExceeded(RuntimeException e) {
        return e instanceof UncheckedIOException u
                && u.getCause() instanceof HashingInputStream.SizeCapExceededException;
    }

    /** @param storeId the store involved, named in messages about it */
    static RuntimeException translate(RuntimeException e, String storeId) {
        if (e instanceof GlanceException ge) {
            return ge;
        }
        if (isCapExceeded(e)) {
            return tooLarge();
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof UploadCutOffException) {
            return UploadsInFlight.shuttingDown();
        }
        if (e instanceof UncheckedIOException u) {
            return GlanceException.badRequest("Error reading the image data from the request: "
                    + u.getCause().getMessage());
        }
        if (e instanceof StoreException se) {
            return switch (se.reason()) {
                case STORAGE_FULL -> new GlanceException(ErrorKind.REQUEST_ENTITY_TOO_LARGE,
                        "Image storage media is full: " + se.getMessage(), se);
                case NOT_FOUND -> GlanceException.notFound("Image data could not be found: " + se.getMessage());
                case BAD_LOCATION -> GlanceException.conflict(se.getMessage());
                case UNAVAILABLE -> new GlanceException(ErrorKind.SERVICE_UNAVAILABLE,
                        "Store " + storeId + " is unavailable: " + se.getMessage(), se);
                case IN_USE -> GlanceException.conflict(se.getMessage());
                // upstream answers StoreAddDisabled with 410
                case READ_ONLY -> new GlanceException(ErrorKind.GONE,
                        "Error in store configuration. Adding images to store is disabled.", se);
            };
        }
        return e;
    }

    /** The shutdown's grace period ended before the upload did. */
    static final class UploadCutOffException extends IOException {
        UploadCutOffException() {
            super("the service is shutting down");
        }
    }
}
