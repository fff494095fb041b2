package org.glancej.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.glancej.config.ConfigFile;
import org.glancej.config.OptionAudit;
import org.glancej.db.Database;
import org.glancej.db.DatabaseConfig;
import org.glancej.metadefs.MetadefDatabase;
import org.glancej.metadefs.files.LoadOptions;
import org.glancej.metadefs.files.MetadefDefinitionRepository;
import org.glancej.app.StoreTypes;
import org.glancej.store.StoresConfig;
import org.glancej.store.file.FileStoreFactory;
import org.glancej.store.file.FileStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code glance-manage}: upstream's database commands under both of upstream's spellings,
 * {@code db sync|upgrade|version|load_metadefs|unload_metadefs|export_metadefs} and {@code db_sync|db_upgrade|...};
 * and ours, {@code store orphans}.
 */
@Command(name = "glance-manage", subcommands = {DbCategory.class, StoreCategory.class}, usageHelpAutoWidth = true,
        description = "Glance database management.")
public final class GlanceManageMain {
    @Option(names = "--config-file", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Configuration file; repeatable, later files override earlier ones."
                    + " Default: glance.conf, glance-api.conf, glance-manage.conf from ~/.glance, ~, /etc/glance, /etc.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--config-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Directory whose *.conf files are read after the --config-file files.")
    List<Path> configDirs = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    private final ConfigFiles search;
    private final PrintStream out;
    private final PrintStream err;

    GlanceManageMain(ConfigFiles search, PrintStream out, PrintStream err) {
        this.search = search;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // keep stdout for command output: library logging goes to stderr, warnings only
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "glance-manage-logback.xml");
        }
        System.exit(run(args, ConfigFiles.system(), System.out, System.err));
    }

    static int run(String[] args, ConfigFiles search, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            // upstream's answer to no arguments, exit status included
            err.println("glance-manage category action [<args>]");
            err.println("Available categories:");
            err.println("\tdb");
            return 2;
        }
        CommandLine cli = new CommandLine(new GlanceManageMain(search, out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // as upstream: one line on stderr, exit status 1
            err.println("ERROR: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    DbCommands db() {
        return new DbCommands(() -> DatabaseConfig.from(config()), out, err, Clock.systemUTC());
    }

    MetadefCommands metadefs() {
        return new MetadefCommands(this::config,
                database -> new MetadefDefinitionRepository(new MetadefDatabase(database.dataSource(), database.dialect()),
                        Clock.systemUTC()),
                out, err);
    }

    /**
     * The configuration, with the options of {@code [database]} (the section glance-manage reads) that have no
     * effect reported on stderr; glance-api reports the other sections when it starts.
     */
    private ConfigFile config() {
        ConfigFile conf = ConfigFile.load(search.resolve(configFiles, configDirs));
        OptionAudit audit = OptionAudit.standard();
        audit.report(audit.audit(conf).stream().filter(f -> f.section().equalsIgnoreCase("database")).toList());
        return conf;
    }

    int storeOrphans(boolean delete) {
        ConfigFile conf = config();
        StoresConfig stores = StoresConfig.from(conf, StoreTypes.available().keySet());
        DatabaseConfig c = DatabaseConfig.from(conf);
        try (Database database = Database.open(
                new DatabaseConfig(c.url(), 2, c.poolTimeout(), c.connectionRecycleTime(), c.mysqlSqlMode()))) {
            int status = 0;
            for (StoresConfig.Backend backend : stores.backends()) {
                if (backend.type().equals("file")) {
                    FileStore store = new FileStore(FileStoreFactory.datadir(backend.options()));
                    status = Math.max(status, new OrphanSweep(database, store, out).run(delete));
                }
            }
            return status;
        }
    }

    @Command(name = "db_sync", description = "Create or upgrade the database schema (same as 'db sync').")
    int dbSync(@CommandLine.Parameters(arity = "0..1", paramLabel = "VERSION", description = "Ignored, as upstream does.")
            String version) {
        return db().sync();
    }

    @Command(name = "db_upgrade", description = "Upgrade the database schema (same as 'db upgrade').")
    int dbUpgrade(@CommandLine.Parameters(arity = "0..1", paramLabel = "VERSION") String version) {
        return db().upgrade(version);
    }

    @Command(name = "db_version", description = "Print the database's schema revision (same as 'db version').")
    int dbVersion() {
        return db().version();
    }

    @Command(name = "db_expand", description = "Same as 'db expand'.")
    int dbExpand() {
        return db().expand();
    }

    @Command(name = "db_migrate", description = "Same as 'db migrate'.")
    int dbMigrate() {
        return db().migrateData();
    }

    @Command(name = "db_contract", description = "Same as 'db contract'.")
    int dbContract() {
        return db().contract();
    }

    @Command(name = "db_check", description = "Same as 'db check'.")
    int dbCheck() {
        return db().check();
    }

    /** Upstream's legacy spelling: positional arguments, any value given for a flag turning it on. */
    @Command(name = "db_load_metadefs", description = "Load metadata definition files (same as 'db load_metadefs').")
    int dbLoadMetadefs(
            @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PATH") String path,
            @CommandLine.Parameters(index = "1", arity = "0..1", paramLabel = "MERGE") String merge,
            @CommandLine.Parameters(index = "2", arity = "0..1", paramLabel = "PREFER_NEW") String preferNew,
            @CommandLine.Parameters(index = "3", arity = "0..1", paramLabel = "OVERWRITE") String overwrite) {
        return metadefs().load(path, new LoadOptions(given(merge), given(preferNew), given(overwrite)));
    }

    @Command(name = "db_unload_metadefs", description = "Remove every metadata definition (same as 'db unload_metadefs').")
    int dbUnloadMetadefs() {
        return metadefs().unload();
    }

    @Command(name = "db_export_metadefs", description = "Write metadata definitions to files (same as 'db export_metadefs').")
    int dbExportMetadefs(@CommandLine.Parameters(arity = "0..1", paramLabel = "PATH") String path) {
        return metadefs().export(path);
    }

    // as upstream reads them: present and non-empty is true, whatever it says
    private static boolean given(String flag) {
        return flag != null && !flag.isEmpty();
    }
}
