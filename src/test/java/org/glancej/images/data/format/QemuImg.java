package org.glancej.images.data.format;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs qemu-img to make real sample images; CI installs it (Debian package qemu-utils), so absence fails. */
final class QemuImg {
    private QemuImg() {}

    /** Creates {@code dir/name} and returns its bytes. */
    static byte[] create(Path dir, String name, String format, String size, String... options) throws Exception {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("create", "-q", "-f", format));
        command.addAll(List.of(options));
        command.addAll(List.of(file.toString(), size));
        run(dir, command);
        return Files.readAllBytes(file);
    }

    static byte[] convert(Path dir, Path source, String name, String format, String... options) throws Exception {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("convert", "-O", format));
        command.addAll(List.of(options));
        command.addAll(List.of(source.toString(), file.toString()));
        run(dir, command);
        return Files.readAllBytes(file);
    }

    /** {@code qemu-img info --output=json}, optionally with the format forced. */
    static JsonNode info(Path file, String... forcedFormat) throws Exception {
        List<String> command = new ArrayList<>(List.of("info", "--output=json"));
        if (forcedFormat.length > 0) {
            command.addAll(List.of("-f", forcedFormat[0]));
        }
        command.add(file.toString());
        return new ObjectMapper().readTree(run(file.getParent(), command));
    }

    static long virtualSize(Path file, String... forcedFormat) throws Exception {
        return info(file, forcedFormat).get("virtual-size").asLong();
    }

    /**
     * qemu-img's LUKS key-derivation benchmark fails now and then on a busy machine ("Unable to get accurate
     * CPU usage": its first timing round can measure no CPU time at all), so that one failure is retried, up
     * to ten times.
     */
    private static String run(Path dir, List<String> arguments) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(dir, arguments);
            } catch (AssertionError e) {
                if (attempt == 10 || !String.valueOf(e.getMessage()).contains("Unable to get accurate CPU usage")) {
                    throw e;
                }
            }
        }
    }

    private static String runOnce(Path dir, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("qemu-img is required to generate sample images (Debian: apt-get install qemu-utils)", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
