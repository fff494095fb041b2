package org.glancej.metadefs.files;

import java.nio.file.Path;

/** A definition file that cannot be read or is not a namespace definition; the message names the file. */
public final class DefinitionFileException extends RuntimeException {
    public DefinitionFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DefinitionFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
