package org.glancej.imports.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.glancej.images.data.format.FormatEnforcement;

/**
 * {@code ConversionBench STAGED_FILE DISK_FORMAT OUTPUT_FORMAT}: runs the {@code image_conversion} plugin once on a
 * staged file, as an import would, and prints the seconds it took (bench/conversion.sh compares it with upstream's).
 */
public final class ConversionBench {
    private ConversionBench() {}

    public static void main(String[] args) throws Exception {
        Path staged = Path.of(args[0]);
        ImportPlugins plugins = ImportPlugins.create(new ImportPluginsConfig(List.of("image_conversion"), args[2],
                List.of("admin"), Map.of(), List.of("streamOptimized", "monolithicSparse"), 1L << 40),
                FormatEnforcement.DEFAULT);
        // a running service has its classes loaded: convert a small image first, untimed
        warmUp(plugins, staged.resolveSibling("warm-up"), args[1]);
        long start = System.nanoTime();
        ImageChanges changes = plugins.run(new StagedImage(staged.getFileName().toString(), staged, args[1], "bare"),
                RequestContext.project("bench", "bench", List.of("member"), false), ImportProgress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.3f %s %d%n", seconds, changes.diskFormat().orElse(args[1]),
                changes.size().orElse(-1));
    }

    private static void warmUp(ImportPlugins plugins, Path file, String format) throws Exception {
        Process create = new ProcessBuilder("qemu-img", "create", "-q", "-f", format, file.toString(), "1M")
                .inheritIO().start();
        if (create.waitFor() != 0) {
            throw new IllegalStateException("qemu-img create failed");
        }
        try {
            plugins.run(new StagedImage("warm-up", file, format, "bare"),
                    RequestContext.project("bench", "bench", List.of("member"), false), ImportProgress.NONE);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
