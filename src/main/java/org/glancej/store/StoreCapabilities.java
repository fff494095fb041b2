package org.glancej.store;

/**
 * What a store can do, asked by callers instead of guessing from its type.
 *
 * @param writable whether {@link ImageStore#add} stores data (false for the http store)
 * @param usesExpectedSize whether writing goes better when the size is known before the data (RBD sizes the
 *     image ahead instead of growing it, S3 picks single or multipart upload)
 * @param rangedReads whether {@link ImageStore#get} reads from an offset without reading what comes before
 * @param deletable whether {@link ImageStore#delete} removes data (false for read-only stores)
 */
public record StoreCapabilities(boolean writable, boolean usesExpectedSize, boolean rangedReads, boolean deletable) {

    public static StoreCapabilities readOnly(boolean rangedReads) {
        return new StoreCapabilities(false, false, rangedReads, false);
    }
}
