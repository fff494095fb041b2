package org.glancej.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import org.glancej.config.ConfigFile;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.metadefs.files.DefinitionExporter;
import org.glancej.metadefs.files.DefinitionLoader;
import org.glancej.metadefs.files.DefinitionRepository;
import org.glancej.metadefs.files.LoadOptions;

/**
 * The metadata definition actions of {@code db}: load, unload and export, reading and writing
 * {@code [DEFAULT] metadata_source_path} (upstream's default {@code /etc/glance/metadefs/}) unless a path is given.
 */
final class MetadefCommands {
    static final String DEFAULT_SOURCE_PATH = "/etc/glance/metadefs/";

    private final Supplier<ConfigFile> config;
    private final Function<Database, DefinitionRepository> repositories;
    private final PrintStream out;
    private final PrintStream err;

    MetadefCommands(Supplier<ConfigFile> config, Function<Database, DefinitionRepository> repositories,
            PrintStream out, PrintStream err) {
        this.config = requireNonNull(config, "config is null");
        this.repositories = requireNonNull(repositories, "repositories is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    int load(String path, LoadOptions options) {
        ConfigFile conf = config.get();
        Path source = Path.of(path != null ? path : sourcePath(conf));
        try (Database database = open(conf)) {
            return new DefinitionLoader(repositories.apply(database), out, err).load(source, options);
        }
    }

    int unload() {
        try (Database database = open(config.get())) {
            repositories.apply(database).deleteAll();
            out.println("Metadata definitions removed from the database.");
            return 0;
        }
    }

    int export(String path) {
        ConfigFile conf = config.get();
        Path target = Path.of(path != null ? path : sourcePath(conf));
        try (Database database = open(conf)) {
            return new DefinitionExporter(repositories.apply(database), out, err).export(target);
        }
    }

    static String sourcePath(ConfigFile conf) {
        return conf.string("DEFAULT", "metadata_source_path", DEFAULT_SOURCE_PATH);
    }

    private static Database open(ConfigFile conf) {
        DatabaseConfig c = DatabaseConfig.from(conf);
        // one command, one connection at a time
        return Database.open(new DatabaseConfig(c.url(), 2, c.poolTimeout(), c.connectionRecycleTime(), c.mysqlSqlMode()));
    }
}
