package org.glancej.metadefs.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glancej.db.DatabaseException;
import org.glancej.db.DatabaseUnavailableException;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;

/**
 * {@code glance-manage db load_metadefs}: loads definition files into the database with upstream's semantics
 * (see {@link LoadOptions}), one transaction per file. A file that cannot be read is reported, naming it, and the
 * other files are still loaded, as upstream does; unlike upstream, the command then ends with status 1.
 */
public final class DefinitionLoader {
    private final DefinitionRepository repository;
    private final DefinitionReader reader = new DefinitionReader();
    private final PrintStream out;
    private final PrintStream err;

    public DefinitionLoader(DefinitionRepository repository, PrintStream out, PrintStream err) {
        this.repository = requireNonNull(repository, "repository is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** Loads {@code path}, a definition file or a directory of {@code *.json} files; returns the exit status. */
    public int load(Path path, LoadOptions options) {
        if (options.problem().isPresent()) {
            err.println("ERROR: " + options.problem().get());
            return 1;
        }
        List<Path> files;
        try {
            files = definitionFiles(path);
        } catch (IOException e) {
            err.println("ERROR: cannot read definition files in " + path + ": " + e.getMessage());
            return 1;
        }
        if (files.isEmpty()) {
            err.println("ERROR: Json schema files not found in " + path + ". Aborting.");
            return 1;
        }
        int status = 0;
        for (Path file : files) {
            try {
                NamespaceDefinition definition = reader.read(file);
                if (repository.inTransaction(target -> loadOne(target, definition, options))) {
                    out.println("File " + file + " loaded to database.");
                }
            } catch (DefinitionFileException e) {
                err.println("ERROR: " + e.getMessage());
                status = 1;
            } catch (DatabaseUnavailableException e) {
                throw e;
            } catch (DatabaseException e) {
                // e.g. a name colliding on MariaDB with one differing only in case: this file is not loaded
                err.println("ERROR: " + file + ": not loaded: " + e.getMessage());
                status = 1;
            }
        }
        out.println("Metadata loading finished");
        return status;
    }

    /** The files upstream reads: the path itself if it is a file, else the regular {@code *.json} files in it. */
    static List<Path> definitionFiles(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
    }

    /** Writes one file's namespace; false if it was skipped. */
    private boolean loadOne(DefinitionTarget target, NamespaceDefinition definition, LoadOptions options) {
        String namespace = definition.namespace();
        boolean exists = target.namespaceExists(namespace);
        if (exists && options.overwrite()) {
            out.println("Overwriting namespace " + namespace);
            target.deleteNamespace(namespace);
            exists = false;
        }
        if (exists && !options.merge()) {
            out.println("Skipping namespace " + namespace + ". It already exists in the database.");
            return false;
        }
        boolean replace = options.preferNew();
        target.putNamespace(definition, replace);
        for (ResourceTypeAssociation association : definition.resourceTypeAssociations()) {
            target.putResourceType(association.name(), replace);
            target.putAssociation(namespace, association, replace);
        }
        definition.properties().forEach((name, schema) -> target.putProperty(namespace, name, schema, replace));
        for (ObjectDefinition object : definition.objects()) {
            target.putObject(namespace, object, replace);
        }
        for (String tag : definition.tags()) {
            target.putTag(namespace, tag, replace);
        }
        return true;
    }
}
