package org.glancej.cli;

import org.glancej.metadefs.files.LoadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code glance-manage db ACTION}. */
@Command(name = "db", description = "Database commands.")
final class DbCategory {
    @ParentCommand
    GlanceManageMain parent;

    @Command(name = "sync", description = "Create the schema in an empty database, or confirm it is current.")
    int sync(@Option(names = "--version", paramLabel = "VERSION", description = "Ignored, as upstream does.")
            String version) {
        return parent.db().sync();
    }

    @Command(name = "upgrade", description = "Upgrade the database schema to the head revision.")
    int upgrade(@Option(names = "--version", paramLabel = "VERSION", description = "Target revision (only the head).")
            String version) {
        return parent.db().upgrade(version);
    }

    @Command(name = "version", description = "Print the database's alembic revision.")
    int version() {
        return parent.db().version();
    }

    @Command(name = "expand", description = "Rolling upgrades' first step: here the whole schema, in one step.")
    int expand() {
        return parent.db().expand();
    }

    @Command(name = "migrate", description = "Rolling upgrades' data migration: none after 'db expand' here.")
    int migrate() {
        return parent.db().migrateData();
    }

    @Command(name = "contract", description = "Rolling upgrades' last step: none after 'db expand' here.")
    int contract() {
        return parent.db().contract();
    }

    @Command(name = "check", description = "Report a pending upgrade: exit status 3 when 'db expand' is needed.")
    int check() {
        return parent.db().check();
    }

    @Command(name = "purge", description = "Remove rows deleted more than --age_in_days ago from every table"
            + " but images (upstream's tables with soft-deleted rows), at most --max_rows per table.")
    int purge(
            @Option(names = "--age_in_days", paramLabel = "DAYS", defaultValue = "30",
                    description = "Rows deleted longer ago than this (default 30).") long ageInDays,
            @Option(names = "--max_rows", paramLabel = "N", defaultValue = "100",
                    description = "At most this many rows per table (default 100); -1: all.") long maxRows) {
        return parent.db().purge(ageInDays, maxRows, false);
    }

    @Command(name = "purge_images_table", description = "Remove images deleted more than --age_in_days ago that"
            + " no other row names, at most --max_rows. Their ids can then be given to new images (OSSN-0075).")
    int purgeImagesTable(
            @Option(names = "--age_in_days", paramLabel = "DAYS", defaultValue = "180",
                    description = "Images deleted longer ago than this (default 180).") long ageInDays,
            @Option(names = "--max_rows", paramLabel = "N", defaultValue = "100",
                    description = "At most this many images (default 100); -1: all.") long maxRows) {
        return parent.db().purge(ageInDays, maxRows, true);
    }

    @Command(name = "load_metadefs", description = "Load metadata definition files (*.json) into the database."
            + " Default path: [DEFAULT] metadata_source_path, /etc/glance/metadefs/.")
    int loadMetadefs(
            @Option(names = "--path", paramLabel = "PATH", description = "Directory or file of JSON definitions.")
            String path,
            @Option(names = "--merge", description = "Merge files with what is in the database; by default the"
                    + " database's definitions win, see --prefer_new and --overwrite.") boolean merge,
            @Option(names = "--prefer_new", description = "With --merge: the files' definitions win.") boolean preferNew,
            @Option(names = "--overwrite", description = "With --merge: a namespace in the files replaces the"
                    + " database's whole.") boolean overwrite,
            @Parameters(arity = "0..1", paramLabel = "PATH", description = "The path, as upstream also takes it.")
            String positionalPath) {
        return parent.metadefs().load(path != null ? path : positionalPath, new LoadOptions(merge, preferNew, overwrite));
    }

    @Command(name = "unload_metadefs", description = "Remove every metadata definition from the database.")
    int unloadMetadefs() {
        return parent.metadefs().unload();
    }

    @Command(name = "export_metadefs", description = "Write each namespace to a JSON file in a directory."
            + " Default path: [DEFAULT] metadata_source_path, /etc/glance/metadefs/.")
    int exportMetadefs(
            @Option(names = "--path", paramLabel = "PATH", description = "Directory to write to.") String path,
            @Parameters(arity = "0..1", paramLabel = "PATH", description = "The path, as upstream also takes it.")
            String positionalPath) {
        return parent.metadefs().export(path != null ? path : positionalPath);
    }
}
