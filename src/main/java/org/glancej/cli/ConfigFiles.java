package org.glancej.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.glancej.config.ConfigException;

/**
 * Which configuration files glance-manage reads, as upstream's does through oslo.config: the files and
 * directories named on the command line, or else {@code glance.conf}, {@code glance-api.conf} and
 * {@code glance-manage.conf}, each the first found in {@code ~/.glance/}, {@code ~/}, {@code /etc/glance/},
 * {@code /etc/}. Later files override earlier ones.
 */
record ConfigFiles(Path home, Path etc) {

    ConfigFiles {
        requireNonNull(home, "home is null");
        requireNonNull(etc, "etc is null");
    }

    static ConfigFiles system() {
        return new ConfigFiles(Path.of(System.getProperty("user.home")), Path.of("/etc"));
    }

    List<Path> resolve(List<Path> configFiles, List<Path> configDirs) {
        List<Path> files = new ArrayList<>();
        if (configFiles.isEmpty() && configDirs.isEmpty()) {
            // upstream searches for glance-api's files first, then glance-manage's; glance.conf is in both
            for (String name : List.of("glance", "glance-api", "glance", "glance-manage")) {
                search(name + ".conf").ifPresent(files::add);
            }
            return files;
        }
        for (Path file : configFiles) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("config file " + file + " not found or not readable");
            }
            files.add(file);
        }
        for (Path dir : configDirs) {
            files.addAll(confFilesIn(dir));
        }
        return files;
    }

    private java.util.Optional<Path> search(String name) {
        return Stream.of(home.resolve(".glance"), home, etc.resolve("glance"), etc)
                .map(dir -> dir.resolve(name))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private static List<Path> confFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("config directory " + dir + " not found");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
