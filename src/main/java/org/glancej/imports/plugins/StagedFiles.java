package org.glancej.imports.plugins;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files a plugin writes beside the staged file: {@code <image id>.<step>.part}, in the staging directory so
 * that replacing the staged file is one atomic rename, and named so that the ones a dead process left behind can
 * be found and removed.
 */
final class StagedFiles {
    private static final String SUFFIX = ".part";

    private StagedFiles() {}

    static Path scratch(Path staged, String step) {
        return staged.resolveSibling(staged.getFileName() + "." + step + SUFFIX);
    }

    /** Puts {@code replacement} in place of {@code staged} in one step: readers see the old file or the new one. */
    static void replace(Path replacement, Path staged) throws IOException {
        Files.move(replacement, staged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing better to do: leftovers are swept by removeLeftovers
        }
    }

    /** Removes the scratch files of every step for this staged file; returns how many there were. */
    static int removeLeftovers(Path staged) {
        Path directory = staged.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return 0;
        }
        String glob = staged.getFileName() + ".*" + SUFFIX;
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, glob)) {
            for (Path leftover : leftovers) {
                if (Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove import leftovers beside " + staged.getFileName(), e);
        }
        return removed;
    }

    /** What went wrong, without the host's paths that file-system exceptions carry. */
    static String reason(IOException e) {
        if (e instanceof EOFException) {
            return "unexpected end of data";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
