package org.glancej.imports.plugins;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.glancej.images.data.format.FormatInspector;
import org.glancej.images.data.format.InspectionResult;

/**
 * The upload path's format inspection, run over a staged file: its start is read until every structure the
 * probes asked for is seen, then only its end, so a large file costs a few reads rather than a pass.
 */
final class FileInspection {
    private static final int CHUNK = 1 << 20;

    private FileInspection() {}

    static InspectionResult inspect(Path file) throws IOException {
        FormatInspector inspector = FormatInspector.create();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            while (position < size) {
                long skip = inspector.skippable(size - position);
                if (skip > 0) {
                    inspector.skip(skip, size - position);
                    position += skip;
                    continue;
                }
                buffer.clear();
                // small reads while the head is wanted, so that skipping starts as soon as it can
                buffer.limit((int) Math.min(position < CHUNK ? 64 << 10 : CHUNK, size - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                inspector.update(buffer.array(), 0, n);
                position += n;
            }
        }
        return inspector.finish();
    }
}
