package org.glancej.metadefs.files;

import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;

/**
 * The writes loading definitions makes, inside one transaction. Each {@code put} creates the row when it is absent
 * (with {@code created_at} now); when it is present it rewrites it with {@code updated_at} now if {@code replace},
 * else leaves it as it is. Names are matched as the database compares them (case-insensitively on MariaDB).
 */
public interface DefinitionTarget {
    boolean namespaceExists(String namespace);

    /** Removes the namespace with its objects, properties, tags and resource type associations. */
    void deleteNamespace(String namespace);

    /** The namespace row only: name, display name, description, visibility, protected, owner. */
    void putNamespace(NamespaceDefinition namespace, boolean replace);

    /** A resource type created here is protected, as upstream's loader makes them; a rewrite only touches it. */
    void putResourceType(String name, boolean replace);

    void putAssociation(String namespace, ResourceTypeAssociation association, boolean replace);

    void putProperty(String namespace, String name, String schemaJson, boolean replace);

    void putObject(String namespace, ObjectDefinition object, boolean replace);

    /** A rewrite of an existing tag only touches it. */
    void putTag(String namespace, String name, boolean replace);
}
