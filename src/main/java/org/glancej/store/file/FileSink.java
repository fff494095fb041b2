package org.glancej.store.file;

import java.io.IOException;

/** Where an upload's bytes go on their way into one new file. */
interface FileSink {

    void write(byte[] buffer, int offset, int length) throws IOException;

    /** Writes what is left and makes the file durable, exactly {@code size} bytes long. */
    void finish(long size) throws IOException;

    /** Stops writing after a failure; the caller deletes the file. */
    void abandon();
}
