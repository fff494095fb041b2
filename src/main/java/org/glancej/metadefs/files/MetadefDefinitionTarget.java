package org.glancej.metadefs.files;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glancej.metadefs.MetadefObject;
import org.glancej.metadefs.MetadefProperty;
import org.glancej.metadefs.MetadefTables;
import org.glancej.metadefs.MetadefTag;
import org.glancej.metadefs.Namespace;
import org.glancej.metadefs.NamespaceDraft;
import org.glancej.metadefs.ResourceType;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;

/**
 * The loader's writes on the metadef tables of one transaction. Rows are created as upstream's loader creates
 * them: {@code updated_at} left empty, objects without {@code required}, resource types protected.
 */
final class MetadefDefinitionTarget implements DefinitionTarget {
    /** A database failure on its way out of the transaction, which reports it. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private final MetadefTables tables;
    private final Clock clock;

    MetadefDefinitionTarget(MetadefTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public boolean namespaceExists(String namespace) {
        return sql(() -> tables.namespaces().find(namespace)).isPresent();
    }

    @Override
    public void deleteNamespace(String namespace) {
        sql(() -> {
            tables.namespaces().delete(namespace(namespace).id());
            return null;
        });
    }

    @Override
    public void putNamespace(NamespaceDefinition ns, boolean replace) {
        NamespaceDraft draft = new NamespaceDraft(ns.namespace(), ns.displayName(), ns.description(), ns.visibility(),
                Boolean.TRUE.equals(ns.isProtected()), ns.owner());
        sql(() -> {
            Optional<Namespace> old = tables.namespaces().find(ns.namespace());
            if (old.isEmpty()) {
                tables.namespaces().insert(draft, now(), null);
            } else if (replace) {
                tables.namespaces().update(old.get().id(), draft, now());
            }
            return null;
        });
    }

    @Override
    public void putResourceType(String name, boolean replace) {
        sql(() -> {
            Optional<ResourceType> old = tables.resourceTypes().find(name);
            if (old.isEmpty()) {
                tables.resourceTypes().insert(name, true, now(), null);
            } else if (replace) {
                tables.resourceTypes().touch(old.get().id(), now());
            }
            return null;
        });
    }

    @Override
    public void putAssociation(String namespace, ResourceTypeAssociation association, boolean replace) {
        sql(() -> {
            int nsId = namespace(namespace).id();
            int typeId = tables.resourceTypes().find(association.name()).orElseThrow().id();
            boolean exists = tables.resourceTypes().associations(nsId).stream()
                    .anyMatch(a -> a.name().equals(association.name()));
            if (!exists) {
                tables.resourceTypes().associate(nsId, typeId, association.prefix(), association.propertiesTarget(),
                        now(), null);
            } else if (replace) {
                tables.resourceTypes().updateAssociation(nsId, typeId, association.prefix(),
                        association.propertiesTarget(), now());
            }
            return null;
        });
    }

    @Override
    public void putProperty(String namespace, String name, String schemaJson, boolean replace) {
        sql(() -> {
            int nsId = namespace(namespace).id();
            Optional<MetadefProperty> old = tables.properties().find(nsId, name);
            var schema = MetadefDefinitionRepository.jsonObject(schemaJson);
            if (old.isEmpty()) {
                tables.properties().insert(nsId, name, schema, now(), null);
            } else if (replace) {
                tables.properties().update(nsId, old.get().id(), name, schema, now());
            }
            return null;
        });
    }

    @Override
    public void putObject(String namespace, ObjectDefinition object, boolean replace) {
        sql(() -> {
            int nsId = namespace(namespace).id();
            Optional<MetadefObject> old = tables.objects().find(nsId, object.name());
            var properties = MetadefDefinitionRepository.jsonObject(object.propertiesJson());
            if (old.isEmpty()) {
                tables.objects().insert(nsId, object.name(), object.description(), List.of(), properties, now(), null);
            } else if (replace) {
                // upstream's loader rewrites description and properties; required stays as it is
                tables.objects().update(nsId, old.get().id(), object.name(), object.description(),
                        old.get().required(), properties, now());
            }
            return null;
        });
    }

    @Override
    public void putTag(String namespace, String name, boolean replace) {
        sql(() -> {
            int nsId = namespace(namespace).id();
            Optional<MetadefTag> old = tables.tags().find(nsId, name);
            if (old.isEmpty()) {
                tables.tags().insert(nsId, name, now(), null);
            } else if (replace) {
                tables.tags().rename(nsId, old.get().id(), name, now());
            }
            return null;
        });
    }

    private Namespace namespace(String name) throws SQLException {
        return tables.namespaces().find(name).orElseThrow(() -> new IllegalStateException("namespace " + name
                + " is not in the database within this transaction"));
    }

    private Instant now() {
        return clock.instant();
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
