package org.glancej.imports;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import org.glancej.images.data.DataIngest;

/**
 * Data an import writes to its target stores, readable once per store: staged data (glance-direct, and what
 * web-download and glance-download fetch into staging) or the image's own data (copy-image).
 */
public interface ImportData {
    /** A new stream over the whole data; the caller closes it. */
    InputStream open();

    /** The size, when known in advance. */
    OptionalLong size();

    /** Removes the data if the import owns it (staged data); nothing for data that is the image's own. */
    void discard();

    /** The data's digests when they are known without reading it (a stage hashed it), so they are not computed again. */
    default Optional<DataIngest.KnownDigests> knownDigests() {
        return Optional.empty();
    }
}
