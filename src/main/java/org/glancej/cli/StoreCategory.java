package org.glancej.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code glance-manage store ACTION}: commands of ours for the image store (upstream has none). */
@Command(name = "store", description = "Image store commands.")
final class StoreCategory {
    @ParentCommand
    GlanceManageMain parent;

    @Command(name = "orphans", description = "List files in the file store that no image location, pending removal"
            + " or upload in flight accounts for. Nothing is removed without --delete.")
    int orphans(@Option(names = "--delete", description = "Remove the orphan files listed.") boolean delete) {
        return parent.storeOrphans(delete);
    }
}
