package org.glancej.store;

/** Builds one store of a type from its options; a bad option is a {@code ConfigException} naming it. */
@FunctionalInterface
public interface StoreFactory {
    ImageStore create(StoreSection options);
}
