package org.glancej.store.file;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.util.UUID;
import com.sun.nio.file.ExtendedOpenOption;

/** Whether a directory's filesystem takes O_DIRECT writes, found once by writing one block to a scratch file. */
final class DirectIo {
    private static final int MIN_ALIGNMENT = 4096;

    private DirectIo() {
    }

    /** The write alignment direct I/O needs in {@code directory}, or empty when it cannot be used there. */
    static OptionalInt alignment(Path directory) {
        Path probe = directory.resolve(".direct-io-probe-" + UUID.randomUUID());
        try (FileChannel channel = open(probe)) {
            long blockSize = Math.max(MIN_ALIGNMENT, Files.getFileStore(probe).getBlockSize());
            if (blockSize > DirectFileSink.BUFFER || Long.bitCount(blockSize) != 1) {
                return OptionalInt.empty();
            }
            int alignment = (int) blockSize;
            try (Arena arena = Arena.ofConfined()) {
                channel.write(arena.allocate(alignment, alignment).asByteBuffer(), 0);
            }
            return OptionalInt.of(alignment);
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalInt.empty();
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover scratch file is harmless
            }
        }
    }

    static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                ExtendedOpenOption.DIRECT);
    }
}
