package org.glancej.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
}
