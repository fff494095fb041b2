package org.glancej.metadefs.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code glance-manage db export_metadefs}: one file per namespace in a directory, named as upstream names them
 * (the display name without non-word characters and underscores, then {@code .json}). Unlike upstream, the path is
 * always a directory (upstream glues the file name to the path, so a path without a trailing slash becomes a file
 * name prefix), a namespace without a display name is named after its namespace, and two namespaces whose names
 * clean to the same file get {@code -2}, {@code -3}... instead of overwriting each other.
 */
public final class DefinitionExporter {
    private static final Pattern NOT_WORD = Pattern.compile("[\\W_]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final DefinitionRepository repository;
    private final DefinitionWriter writer = new DefinitionWriter();
    private final PrintStream out;
    private final PrintStream err;

    public DefinitionExporter(DefinitionRepository repository, PrintStream out, PrintStream err) {
        this.repository = requireNonNull(repository, "repository is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** Writes every namespace into {@code directory}; returns the exit status. */
    public int export(Path directory) {
        if (!Files.isDirectory(directory)) {
            err.println("ERROR: " + directory + " is not a directory");
            return 1;
        }
        Set<String> used = new HashSet<>();
        int status = 0;
        for (NamespaceDefinition namespace : repository.readAll()) {
            Path file = directory.resolve(fileName(namespace, used));
            try {
                if (Files.exists(file)) {
                    out.println("Overwriting: " + file);
                }
                writer.write(namespace, file);
                out.println("Namespace " + namespace.namespace() + " saved in " + file);
            } catch (IOException e) {
                err.println("ERROR: cannot write " + file + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    static String fileName(NamespaceDefinition namespace, Set<String> used) {
        String base = clean(namespace.displayName());
        if (base.isEmpty()) {
            base = clean(namespace.namespace());
        }
        if (base.isEmpty()) {
            base = "namespace";
        }
        String name = base;
        for (int n = 2; !used.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            name = base + "-" + n;
        }
        return name + ".json";
    }

    private static String clean(String name) {
        return name == null ? "" : NOT_WORD.matcher(name).replaceAll("");
    }
}
