package org.glancej.metadefs.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;

/**
 * A repository in memory for the loader's logic tests: rows keyed by name in creation order, each with the number
 * of times it was rewritten, so tests see what a load created, rewrote and left alone.
 */
final class InMemoryDefinitions implements DefinitionRepository, DefinitionTarget {
    record Row<T>(T value, int rewrites) {}

    final Map<String, Row<NamespaceDefinition>> namespaces = new LinkedHashMap<>();
    final Map<String, Row<Boolean>> resourceTypes = new LinkedHashMap<>();
    final Map<String, Row<ResourceTypeAssociation>> associations = new LinkedHashMap<>();
    final Map<String, Row<String>> properties = new LinkedHashMap<>();
    final Map<String, Row<ObjectDefinition>> objects = new LinkedHashMap<>();
    final Map<String, Row<String>> tags = new LinkedHashMap<>();
    int transactions;

    @Override
    public <T> T inTransaction(Function<DefinitionTarget, T> work) {
        transactions++;
        return work.apply(this);
    }

    @Override
    public List<NamespaceDefinition> readAll() {
        List<NamespaceDefinition> all = new ArrayList<>();
        for (NamespaceDefinition ns : namespaces.values().stream().map(Row::value).toList()) {
            String prefix = ns.namespace() + "/";
            Map<String, String> props = new LinkedHashMap<>();
            properties.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    props.put(k.substring(prefix.length()), v.value());
                }
            });
            all.add(new NamespaceDefinition(ns.namespace(), ns.displayName(), ns.description(), ns.visibility(),
                    ns.isProtected(), ns.owner(), in(associations, prefix), props, in(objects, prefix),
                    in(tags, prefix)));
        }
        return all;
    }

    @Override
    public void deleteAll() {
        List.of(namespaces, resourceTypes, associations, properties, objects, tags).forEach(Map::clear);
    }

    @Override
    public boolean namespaceExists(String namespace) {
        return namespaces.containsKey(namespace);
    }

    @Override
    public void deleteNamespace(String namespace) {
        namespaces.remove(namespace);
        for (Map<String, ?> rows : List.of(associations, properties, objects, tags)) {
            rows.keySet().removeIf(k -> k.startsWith(namespace + "/"));
        }
    }

    @Override
    public void putNamespace(NamespaceDefinition namespace, boolean replace) {
        put(namespaces, namespace.namespace(), namespace, replace);
    }

    @Override
    public void putResourceType(String name, boolean replace) {
        put(resourceTypes, name, Boolean.TRUE, replace);
    }

    @Override
    public void putAssociation(String namespace, ResourceTypeAssociation association, boolean replace) {
        put(associations, namespace + "/" + association.name(), association, replace);
    }

    @Override
    public void putProperty(String namespace, String name, String schemaJson, boolean replace) {
        put(properties, namespace + "/" + name, schemaJson, replace);
    }

    @Override
    public void putObject(String namespace, ObjectDefinition object, boolean replace) {
        put(objects, namespace + "/" + object.name(), object, replace);
    }

    @Override
    public void putTag(String namespace, String name, boolean replace) {
        put(tags, namespace + "/" + name, name, replace);
    }

    private static <T> void put(Map<String, Row<T>> rows, String key, T value, boolean replace) {
        Row<T> old = rows.get(key);
        if (old == null) {
            rows.put(key, new Row<>(value, 0));
        } else if (replace) {
            rows.put(key, new Row<>(value, old.rewrites() + 1));
        }
    }

    private static <T> List<T> in(Map<String, Row<T>> rows, String prefix) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getValue().value()).toList();
    }
}
