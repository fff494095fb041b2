package org.glancej.metadefs;

import java.sql.Connection;
import org.glancej.db.Dialect;

/**
 * The metadef tables on one connection, so that a unit of work (one API request, one definition file loaded)
 * reads and writes them in one transaction. Obtain it from {@link MetadefDatabase}.
 */
public record MetadefTables(NamespaceRows namespaces, ObjectRows objects, PropertyRows properties, TagRows tags,
        ResourceTypeRows resourceTypes) {

    static MetadefTables on(Connection c, Dialect dialect) {
        return new MetadefTables(new NamespaceRows(c, dialect), new ObjectRows(c, dialect),
                new PropertyRows(c, dialect), new TagRows(c, dialect), new ResourceTypeRows(c, dialect));
    }
}
