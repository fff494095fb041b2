package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.glancej.auth.RequestContext;

/** Real images made with qemu-img (CI installs qemu-utils, so its absence fails) and archives made with the JDK. */
final class Samples {
    static final RequestContext MEMBER = RequestContext.project("user", "project", List.of("member", "reader"), false);
    static final RequestContext ADMIN = RequestContext.project("admin", "project", List.of("admin"), true);

    private Samples() {}

    static Path qemuCreate(Path dir, String name, String format, String size, String... options) throws Exception {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("create", "-q", "-f", format));
        command.addAll(List.of(options));
        command.addAll(List.of(file.toString(), size));
        qemuImg(dir, command);
        return file;
    }

    static Path qemuConvert(Path dir, Path source, String name, String format, String... options) throws Exception {
        Path file = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("convert", "-O", format));
        command.addAll(List.of(options));
        command.addAll(List.of(source.toString(), file.toString()));
        qemuImg(dir, command);
        return file;
    }

    static String qemuImg(Path dir, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("qemu-img"));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("qemu-img is required (Debian: apt-get install qemu-utils)", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** A raw disk of random bytes with some data at the start, so that no format probe matches. */
    static byte[] randomDisk(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        data[0] = 0;
        data[510] = 0;
        return data;
    }

    /** The file staged for image {@code id} in {@code staging}, holding {@code source}'s bytes. */
    static Path stage(Path staging, String id, Path source) throws IOException {
        Files.createDirectories(staging);
        return Files.copy(source, staging.resolve(id));
    }

    static Path stage(Path staging, String id, byte[] bytes) throws IOException {
        Files.createDirectories(staging);
        return Files.write(staging.resolve(id), bytes);
    }

    static byte[] gzip(byte[] data) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A gzip of {@code size} zero bytes, written without holding them. */
    static void gzipOfZeros(Path file, long size) throws IOException {
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeZeros(gz, size);
        }
    }

    static byte[] zip(String[] names, byte[]... contents) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < names.length; i++) {
                zip.putNextEntry(new ZipEntry(names[i]));
                zip.write(contents[i]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A one-file ZIP of {@code size} zero bytes: a decompression bomb once {@code size} passes the cap. */
    static void zipOfZeros(Path file, long size) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("disk.raw"));
            writeZeros(zip, size);
            zip.closeEntry();
        }
    }

    private static void writeZeros(OutputStream out, long size) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long left = size; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
    }

    /** The names of the files in {@code dir}, sorted. */
    static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
