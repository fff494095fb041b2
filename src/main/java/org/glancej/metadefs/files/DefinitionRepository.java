package org.glancej.metadefs.files;

import java.util.List;
import java.util.function.Function;

/** Where definitions are loaded into, exported from and unloaded: the metadefs tables of one database. */
public interface DefinitionRepository {
    /** Runs {@code work} in one transaction: all of its writes are made, or none. */
    <T> T inTransaction(Function<DefinitionTarget, T> work);

    /**
     * Every namespace with its associations, properties, objects and tags, ordered by when each was created
     * (namespaces, then their contents), as export writes them.
     */
    List<NamespaceDefinition> readAll();

    /** Removes every namespace, its contents, and every resource type. */
    void deleteAll();
}
