package org.glancej.imports.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.glancej.images.data.format.FormatInspector;
import org.glancej.images.data.format.InspectionResult;

/** The upload path's format inspection, run over a staged file. */
final class FileInspection {
    private FileInspection() {}

    static InspectionResult inspect(Path file) throws IOException {
        FormatInspector inspector = FormatInspector.create();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                inspector.update(buffer, 0, n);
            }
        }
        return inspector.finish();
    }
}
